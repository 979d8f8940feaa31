using Candor.Cli;
using Candor.Features.Import;
using Candor.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Candor.Tests.Import;

/// <summary>The import use case on each engine: formats, rejects by line number, idempotent re-runs.</summary>
public abstract class ImportFileTests(AppFixture app)
{
    private async Task<ImportSummary> ImportAsync(TestPlatform platform, ImportKind kind, string path, int batchSize = 500) =>
        await ImportFile.RunAsync(app.Services,
            new ImportRequest(kind, path, ImportFormats.Resolve(null, path), platform.Id, batchSize),
            ImportProgress.Quiet(app.Clock), CancellationToken.None);

    private Task<List<string>> StoredAdIdsAsync(TestPlatform platform) =>
        app.WithDbAsync(db => db.Ads.Where(a => a.PlatformId == platform.Id).OrderBy(a => a.ExternalId).Select(a => a.ExternalId).ToListAsync());

    private async Task<TestPlatform> PlatformWithAdvertiserAsync()
    {
        var platform = await app.CreatePlatformAsync();
        await ImportAsync(platform, ImportKind.Advertisers, ImportFiles.Write("adv.ndjson", ImportFiles.Ndjson([SampleRecords.Advertiser("adv-1")])));
        return platform;
    }

    [Fact]
    public async Task Ndjson_is_stored_and_a_rerun_leaves_everything_unchanged()
    {
        var platform = await PlatformWithAdvertiserAsync();
        var path = ImportFiles.Write("ads.ndjson",
            ImportFiles.Ndjson(Enumerable.Range(0, 25).Select(i => SampleRecords.Ad($"ad-{i:00}", "adv-1"))));

        var first = await ImportAsync(platform, ImportKind.Ads, path, batchSize: 10);
        var again = await ImportAsync(platform, ImportKind.Ads, path, batchSize: 10);

        Assert.Equal((25, 25, 0, 0, 0), (first.Read, first.Created, first.Updated, first.Unchanged, first.Rejected));
        Assert.Equal((25, 0, 0, 25, 0), (again.Read, again.Created, again.Updated, again.Unchanged, again.Rejected));
        Assert.Equal(25, (await StoredAdIdsAsync(platform)).Count);
        Assert.False(File.Exists(ImportFiles.RejectsOf(path).Records));
    }

    [Fact]
    public async Task Ndjson_rejects_name_the_line_and_reason_and_are_copied_verbatim()
    {
        var platform = await PlatformWithAdvertiserAsync();
        var good = ImportFiles.Ndjson([SampleRecords.Ad("good-1", "adv-1")]).TrimEnd();
        var unknownField = ImportFiles.Ndjson([SampleRecords.Ad("bad-1", "adv-1").With("reach_by_county", 3)]).TrimEnd();
        var noAdvertiser = ImportFiles.Ndjson([SampleRecords.Ad("bad-2", "adv-404")]).TrimEnd();
        var badLanguage = ImportFiles.Ndjson([SampleRecords.Ad("bad-3", "adv-1").With("language", "xx")]).TrimEnd();
        var lines = new[] { good, "", unknownField, "{\"id\": \"bad-4\", ", noAdvertiser, "   ", badLanguage, good.Replace("good-1", "good-2", StringComparison.Ordinal) };
        var path = ImportFiles.Write("ads.jsonl", string.Join("\n", lines) + "\n");

        var summary = await ImportAsync(platform, ImportKind.Ads, path, batchSize: 3);

        Assert.Equal((6, 2, 4), (summary.Read, summary.Created, summary.Rejected));
        Assert.Equal(["good-1", "good-2"], await StoredAdIdsAsync(platform));
        var (records, reasons) = ImportFiles.RejectsOf(path);
        Assert.Equal([unknownField, "{\"id\": \"bad-4\", ", noAdvertiser, badLanguage], File.ReadAllLines(records));
        var reasonLines = File.ReadAllLines(reasons).Where(l => !l.StartsWith('#')).ToList();
        Assert.Equal(4, reasonLines.Count);
        Assert.StartsWith($"line 3 (line 1 of {Path.GetFileName(records)}): reach_by_county: is not a known field", reasonLines[0]);
        Assert.Contains("line 4 (line 2 of", reasonLines[1]);
        Assert.Contains("record: is not valid JSON", reasonLines[1]);
        Assert.Contains("line 5 (line 3 of", reasonLines[2]);
        Assert.Contains("advertiser_id: 'adv-404' is not an advertiser of this platform", reasonLines[2]);
        Assert.Contains("line 7 (line 4 of", reasonLines[3]);
        Assert.Contains("language: 'xx' is not an ISO 639-1 language code", reasonLines[3]);
    }

    [Fact]
    public async Task Csv_with_quoted_newlines_and_json_cells_is_stored_and_rejects_report_the_line_the_record_starts_on()
    {
        var platform = await PlatformWithAdvertiserAsync();
        const string csv =
            "id,advertiser_id,title,body,delivery_start,status,targeting,reach_total,reach_by_country,spend_min,spend_max,currency,commercial_communication\n" +
            "ad-1,adv-1,Rain jackets,\"Waterproof,\nrepairable \"\"and\"\" light\",2026-10-01T00:00:00Z,ended,\"[{\"\"category\"\":\"\"age\"\",\"\"values\"\":[\"\"25-54\"\"],\"\"mode\"\":\"\"included\"\"}]\",1500,\"{\"\"DE\"\":1200,\"\"AT\"\":300}\",12.50,99.5,EUR,true\n" +
            "\n" +
            "ad-2,adv-1,\"Two\nline title\",,2026-10-01T00:00:00Z,,,\"1,500\",,,,,\n" +
            "ad-3,adv-404,Boots,,2026-10-01T00:00:00Z,,,,,,,,\n" +
            "ad-4,adv-1,Tents,,2026-10-01T00:00:00Z,active,,,,,,,\n";
        var path = ImportFiles.Write("ads.csv", csv);

        var summary = await ImportAsync(platform, ImportKind.Ads, path);

        Assert.Equal((4, 2, 2), (summary.Read, summary.Created, summary.Rejected));
        var stored = await app.WithDbAsync(db => db.Ads.AsNoTracking().SingleAsync(a => a.PlatformId == platform.Id && a.ExternalId == "ad-1"));
        Assert.Equal("Waterproof,\nrepairable \"and\" light", stored.Body);
        Assert.Equal(12.50m, stored.SpendMin);
        Assert.Equal(1500, stored.ReachTotal);
        Assert.True(stored.CommercialCommunication);
        Assert.Contains("25-54", stored.TargetingJson);
        var (records, reasons) = ImportFiles.RejectsOf(path);
        var rejects = File.ReadAllText(records);
        Assert.StartsWith("id,advertiser_id,title,body,", rejects);
        Assert.Contains("ad-2,adv-1,\"Two\nline title\",,2026-10-01T00:00:00Z,,,\"1,500\",,,,,\n", rejects);
        var reasonLines = File.ReadAllLines(reasons).Where(l => !l.StartsWith('#')).ToList();
        Assert.StartsWith($"line 5 (line 2 of {Path.GetFileName(records)}): reach_total: '1,500' is not a whole number", reasonLines[0]);
        Assert.StartsWith($"line 7 (line 4 of {Path.GetFileName(records)}): advertiser_id:", reasonLines[1]);
    }

    [Fact]
    public async Task A_fixed_rejects_file_imports_cleanly()
    {
        var platform = await PlatformWithAdvertiserAsync();
        var path = ImportFiles.Write("adv.csv", "id,legal_name,country\nadv-2,Beta SARL,FR\nadv-3,Gamma BV,Netherlands\n");

        var first = await ImportAsync(platform, ImportKind.Advertisers, path);
        var rejects = ImportFiles.RejectsOf(path).Records;
        File.WriteAllText(rejects, File.ReadAllText(rejects).Replace("Netherlands", "NL", StringComparison.Ordinal));
        var fixedRun = await ImportAsync(platform, ImportKind.Advertisers, rejects);

        Assert.Equal((1, 1), (first.Created, first.Rejected));
        Assert.Equal((1, 0), (fixedRun.Created, fixedRun.Rejected));
        Assert.False(File.Exists(ImportFiles.RejectsOf(rejects).Records));
    }

    [Fact]
    public async Task Rejects_in_later_batches_map_to_their_own_lines()
    {
        var platform = await PlatformWithAdvertiserAsync();
        var records = Enumerable.Range(1, 9).Select(i => i % 3 == 0 ? SampleRecords.Advertiser($"adv-x{i}", country: "XX") : SampleRecords.Advertiser($"adv-x{i}"));
        var path = ImportFiles.Write("adv.ndjson", ImportFiles.Ndjson(records));

        var summary = await ImportAsync(platform, ImportKind.Advertisers, path, batchSize: 2);

        Assert.Equal((9, 6, 3), (summary.Read, summary.Created, summary.Rejected));
        var reasons = File.ReadAllLines(ImportFiles.RejectsOf(path).Reasons).Where(l => !l.StartsWith('#')).Select(l => l.Split(' ')[1]);
        Assert.Equal(["3", "6", "9"], reasons);
    }

    [Fact]
    public async Task A_csv_header_with_an_unknown_column_stops_before_anything_is_stored()
    {
        var platform = await app.CreatePlatformAsync();
        var path = ImportFiles.Write("adv.csv", "id,legal_name,country,colour\nadv-1,Acme,DE,red\n");

        var error = await Assert.ThrowsAsync<CliException>(() => ImportAsync(platform, ImportKind.Advertisers, path));

        Assert.Equal(CliHost.BadUsage, error.ExitCode);
        Assert.Contains("'colour'", error.Message);
        Assert.Equal(0, await app.WithDbAsync(db => db.Advertisers.CountAsync(a => a.PlatformId == platform.Id)));
    }

    [Fact]
    public async Task The_same_id_twice_in_one_batch_rejects_the_second()
    {
        var platform = await app.CreatePlatformAsync();
        var path = ImportFiles.Write("adv.ndjson", ImportFiles.Ndjson([SampleRecords.Advertiser("dup"), SampleRecords.Advertiser("dup", legalName: "Other")]));

        var summary = await ImportAsync(platform, ImportKind.Advertisers, path);

        Assert.Equal((1, 1), (summary.Created, summary.Rejected));
        Assert.Contains("line 2 (line 1 of", File.ReadAllText(ImportFiles.RejectsOf(path).Reasons));
    }
}

public sealed class ImportFileTests_Sqlite(SqliteApp app) : ImportFileTests(app), IClassFixture<SqliteApp>;

public sealed class ImportFileTests_Postgres(PostgresApp app) : ImportFileTests(app), IClassFixture<PostgresApp>;
