using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Candor.Features.Screening.Lists;
using Candor.Features.Screening.Matching;
using Candor.Infrastructure;

namespace Candor.Tests.Screening;

/// <summary>
/// Pins what a fixed set of queries finds over every stored list: the top matches, their scores and a hash of their full
/// explanations. Speed work on the index (how it is built and searched) must not change a single result; a deliberate
/// change to matching regenerates the file with <c>CANDOR_UPDATE_PINNED=1</c> and shows the difference in review.
/// </summary>
public class PinnedResultsTests
{
    private const string PinnedFile = "pinned-results.tsv";

    private static readonly (string Slug, string Format, string Path)[] Lists =
    [
        ("us-ofac-sdn", ListFormats.OfacSdnCsv, "ofac_sdn_2023-12-28/sdn.csv"),
        ("us-csl", ListFormats.UsCslCsv, "us_csl_2023-11-30/csl.csv"),
        ("un-sc", ListFormats.UnScXml, "un_sc_2026-02-27/consolidated.xml"),
        ("us-fcc-covered", ListFormats.CustomCsv, "custom/us-fcc-covered-list-2022-09-20.csv"),
        ("us-dhs-bod-17-01", ListFormats.CustomCsv, "custom/us-dhs-bod-17-01.csv"),
        ("us-ofac-sdn-2024-05", ListFormats.OfacSdnCsv, "ofac_sdn_2024-05-03/sdn.csv"),
    ];

    [Fact]
    public void Results_over_every_stored_list_match_the_pinned_file()
    {
        var entries = Lists.SelectMany(l => ListFormats.Read(l.Format, ScreeningFiles.SharedList(l.Path), l.Slug)).ToList();
        var index = ScreeningIndex.Build(entries);
        var actual = Queries().Select(q => Render(q, index.Search(q))).ToList();

        var path = Path.Combine(SourceFixtures(), PinnedFile);
        if (Environment.GetEnvironmentVariable("CANDOR_UPDATE_PINNED") == "1")
            File.WriteAllLines(path, actual);
        var expected = File.ReadAllLines(path);
        Assert.True(expected.Length > 500, $"the pinned file has only {expected.Length} lines");
        Assert.Equal(expected.Length, actual.Count);
        var differences = expected.Zip(actual).Where(p => p.First != p.Second).Take(5).Select(p => $"- {p.First}\n+ {p.Second}").ToList();
        Assert.True(differences.Count == 0, "results moved:\n" + string.Join('\n', differences));
        // A pinned file in which nothing was found would pin nothing.
        Assert.True(actual.Count(l => l.Split('\t')[1].Length > 0) > expected.Length / 3);
    }

    [Fact]
    public void A_rebuild_reusing_the_previous_index_finds_exactly_what_a_fresh_build_finds()
    {
        var entries = Lists.SelectMany(l => ListFormats.Read(l.Format, ScreeningFiles.SharedList(l.Path), l.Slug)).ToList();
        // The previous index lacks the UN list and the later OFAC snapshot, as after importing them: their names are new.
        var previous = ScreeningIndex.Build(entries.Where(e => e.List is not ("un-sc" or "us-ofac-sdn-2024-05")));
        var fresh = ScreeningIndex.Build(entries);
        var reusing = ScreeningIndex.Build(entries, previous);
        Assert.Equal(fresh.VocabularyCount, reusing.VocabularyCount);
        foreach (var query in Queries())
            Assert.Equal(Render(query, fresh.Search(query)), Render(query, reusing.Search(query)));
    }

    // Every fifth row of each labelled set: positives with typos (with their birth year and nationality, so the soft
    // signals are pinned too), both negative sets and the Congress names.
    private static List<ScreeningQuery> Queries()
    {
        var queries = new List<ScreeningQuery>();
        foreach (var file in new[] { "yente_positives_un_treated.csv", "yente_negatives_global_1k.csv", "yente_negatives_us_1k.csv", "yente_positives_us_congress_untreated.csv" })
        {
            var rows = File.ReadLines(ScreeningFiles.SharedList(Path.Combine("eval", file))).Skip(1).Select(Fields).ToList();
            for (var i = 0; i < rows.Count; i += 5)
            {
                var row = rows[i];
                if (string.IsNullOrWhiteSpace(row[0])) continue;
                var corroborated = file.Contains("positives_un", StringComparison.Ordinal) && i % 10 == 0;
                queries.Add(new ScreeningQuery(row[0],
                    Country: corroborated && row.Count > 7 && row[7].Length > 0 ? row[7] : null,
                    DateOfBirth: corroborated && row.Count > 5 && row[5].Length > 0 ? row[5] : null,
                    Limit: 5));
            }
        }
        return queries;
    }

    private static string Render(ScreeningQuery query, ScreeningResult result)
    {
        var top = string.Join(';', result.Matches.Select(m =>
            $"{m.List}/{m.EntryKey}/{m.Score.ToString("0.000", CultureInfo.InvariantCulture)}"));
        var full = JsonSerializer.Serialize(result, CandorJson.Output);
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(full)))[..16];
        return $"{query.Name}|{query.Country}|{query.DateOfBirth}\t{top}\t{hash}";
    }

    private static List<string> Fields(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
            else if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
        }
        fields.Add(field.ToString());
        return fields;
    }

    // The copy in the source tree, not the one in bin/, so that an update lands in the repository.
    private static string SourceFixtures()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Candor.slnx"))) return Path.Combine(dir.FullName, "tests", "Candor.Tests", "Screening", "Fixtures");
        throw new DirectoryNotFoundException("Candor.slnx not found above the test output folder");
    }
}
