using System.Text;

namespace Candor.Features.Screening.Lists;

/// <summary>
/// The US Consolidated Screening List CSV export (trade.gov). Survives the defects of real copies: the header repeated
/// as a data row, a truncated last row (dropped), and characters already lost to '?' upstream (kept as published).
/// </summary>
public static class UsCslCsvReader
{
    private static readonly string[] Required = ["_id", "source", "type", "name", "alt_names"];

    public static IEnumerable<ListEntry> Read(string path, string listSlug)
    {
        Dictionary<string, int>? columns = null;
        foreach (var record in CsvRecords.ReadFile(path, Encoding.UTF8, dropTruncatedLast: true))
        {
            if (columns is null)
            {
                columns = Header(record, path);
                continue;
            }
            var f = record.Fields;
            if (f.Length == 1 && f[0].Trim().Length == 0) continue;
            if (f.Length > 0 && f[0] == "_id") continue; // the header repeated as a data row
            if (f.Length != columns.Count)
                throw new ListFormatException(
                    FormattableString.Invariant($"expected {columns.Count} columns, found {f.Length}"), path, record.Line);
            yield return ToEntry(listSlug, f, columns);
        }
        if (columns is null) throw new ListFormatException("the file is empty", path);
    }

    private static Dictionary<string, int> Header(CsvRecord record, string path)
    {
        var columns = record.Fields.Select((name, i) => (name: name.Trim().TrimStart('\uFEFF'), i))
            .GroupBy(c => c.name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().i, StringComparer.Ordinal);
        var missing = Required.Where(r => !columns.ContainsKey(r)).ToList();
        if (missing.Count > 0)
            throw new ListFormatException(
                $"not a US CSL CSV: header lacks {string.Join(", ", missing)} (is the --format right?)", path, record.Line);
        return columns;
    }

    private static ListEntry ToEntry(string listSlug, string[] f, Dictionary<string, int> columns)
    {
        string Get(string name) => columns.TryGetValue(name, out var i) ? f[i].Trim() : "";
        IEnumerable<string> Many(string name) => Split(Get(name));
        var countries = Many("citizenships").Concat(Many("nationalities"))
            .Concat(Many("addresses").Select(a => a[(a.LastIndexOf(',') + 1)..].Trim()).Where(c => c.Length == 2));
        return new ListEntry(
            listSlug,
            Get("_id"),
            Get("name"),
            Get("type").ToUpperInvariant() switch
            {
                "INDIVIDUAL" => EntityType.Person,
                "ENTITY" => EntityType.Organization,
                "VESSEL" => EntityType.Vessel,
                "AIRCRAFT" => EntityType.Aircraft,
                _ => EntityType.Unknown,
            },
            [.. Many("alt_names").Select(a => new ListAlias(a, AliasKind.Aka))],
            [.. countries.Distinct(StringComparer.OrdinalIgnoreCase)],
            [.. Many("dates_of_birth")],
            // The CSL merges many source lists; which one is the first thing a reviewer needs, so it leads the programs.
            [.. new[] { Get("source") }.Concat(Many("programs")).Where(p => p.Length > 0)],
            Get("remarks") is { Length: > 0 } remarks ? remarks : null,
            Get("source_information_url") is { Length: > 0 } url ? url : null);
    }

    private static string[] Split(string value) =>
        value.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
