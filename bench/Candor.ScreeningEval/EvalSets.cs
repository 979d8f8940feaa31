using System.Text;
using Candor.Features.Screening.Lists;

namespace Candor.ScreeningEval;

internal sealed record PersonQuery(int Row, string Name, string? DateOfBirth, string? Nationality);
internal sealed record NamePair(int Row, string Group, string Schema, string Category, string Name1, string Name2, bool IsMatch);

/// <summary>Readers for the labelled files in ../shared/data/lists/eval and the advertiser names.</summary>
internal static class EvalSets
{
    public static List<PersonQuery> People(string data, string file) =>
        Rows(Path.Combine(data, "lists/eval", file))
            .Select((r, i) => new PersonQuery(i, r["full_name"], Blank(r["date_of_birth"]), Blank(r["nationality"])))
            .ToList();

    public static List<NamePair> Pairs(string data) =>
        Rows(Path.Combine(data, "lists/eval/nomenklatura_name_bench_cases.csv"))
            .Select((r, i) => new NamePair(i, r["case_group"], r["schema"], r["category"], r["name1"], r["name2"], r["is_match"] == "true"))
            .ToList();

    public static List<string> Advertisers(string data) =>
        Rows(Path.Combine(data, "ads/google-political-ads-advertiser-stats.csv")).Select(r => r["Advertiser_Name"]).ToList();

    private static IEnumerable<Dictionary<string, string>> Rows(string path)
    {
        string[]? header = null;
        foreach (var record in CsvRecords.ReadFile(path, Encoding.UTF8))
        {
            if (header is null) { header = record.Fields; continue; }
            if (record.Fields.Length != header.Length) continue;
            yield return header.Zip(record.Fields).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
        }
    }

    private static string? Blank(string value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
