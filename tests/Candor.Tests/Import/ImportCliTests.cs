using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Candor.Data;
using Candor.Infrastructure;
using Candor.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Candor.Tests.Import;

/// <summary><c>candor import</c> as a user runs it: the real executable against a fresh database of each engine.</summary>
public abstract partial class ImportCliTests
{
    protected abstract Task<string> NewDatabaseAsync();

    private static Task<CliResult> CandorAsync(string db, params string[] args) =>
        CliRunner.RunAsync(["--db", db, .. args], timeout: TimeSpan.FromMinutes(5));

    private static async Task<string> PlatformWithAdvertiserAsync(string db)
    {
        var created = await CandorAsync(db, "platform", "create", "Import Test", "--slug", "import-test");
        Assert.True(created.ExitCode == 0, created.ToString());
        var advertisers = ImportFiles.Write("advertisers.csv", "id,legal_name,display_name,country,verification_status\nadv-1,Acme Outdoor GmbH,Acme,DE,verified\n");
        var imported = await CandorAsync(db, "import", "advertisers", advertisers, "--platform", "import-test");
        Assert.True(imported.ExitCode == 0, imported.ToString());
        return "import-test";
    }

    private static async Task<List<string>> StoredAdIdsAsync(string db)
    {
        await using var services = new ServiceCollection().AddCandorStorage(DatabaseSetting.Parse(db)).BuildServiceProvider();
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CandorDb>().Ads.Select(a => a.ExternalId).ToListAsync();
    }

    private static (long Read, long Created, long Updated, long Unchanged, long Rejected) Summary(CliResult result)
    {
        var m = SummaryLine().Match(result.Stdout);
        Assert.True(m.Success, result.ToString());
        return (Number(m, 1), Number(m, 2), Number(m, 3), Number(m, 4), Number(m, 5));
    }

    private static long Number(Match m, int group) => long.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"(\d+) records read: (\d+) created, (\d+) updated, (\d+) unchanged, (\d+) rejected")]
    private static partial Regex SummaryLine();

    [GeneratedRegex(@"^progress: (\d+) records done")]
    private static partial Regex ProgressLine();

    [Fact]
    public async Task Import_stores_advertisers_and_ads_and_a_rerun_changes_nothing()
    {
        var db = await NewDatabaseAsync();
        var platform = await PlatformWithAdvertiserAsync(db);
        var ads = ImportFiles.Write("ads.ndjson", ImportFiles.Ndjson(Enumerable.Range(1, 3).Select(i => SampleRecords.Ad($"ad-{i}", "adv-1"))));

        var first = await CandorAsync(db, "import", "ads", ads, "--platform", platform);
        var again = await CandorAsync(db, "import", "ads", ads, "--platform", platform, "--batch-size", "2");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal((3, 3, 0, 0, 0), Summary(first));
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal((3, 0, 0, 3, 0), Summary(again));
        Assert.Equal(["ad-1", "ad-2", "ad-3"], (await StoredAdIdsAsync(db)).Order());
    }

    [Fact]
    public async Task Bad_rows_exit_1_are_printed_with_their_line_and_written_to_the_rejects_file()
    {
        var db = await NewDatabaseAsync();
        var platform = await PlatformWithAdvertiserAsync(db);
        var ads = ImportFiles.Write("ads.ndjson",
            ImportFiles.Ndjson([SampleRecords.Ad("ad-1", "adv-1"), SampleRecords.Ad("ad-2", "nobody"), SampleRecords.Ad("ad-3", "adv-1").With("status", "paused")]));

        var result = await CandorAsync(db, "import", "ads", ads, "--platform", platform);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal((3, 1, 0, 0, 2), Summary(result));
        Assert.Contains("line 2: rejected: advertiser_id: 'nobody' is not an advertiser", result.Stderr);
        Assert.Contains("line 3: rejected: status: has the wrong type or format", result.Stderr);
        var (records, reasons) = ImportFiles.RejectsOf(ads);
        Assert.Equal(2, File.ReadAllLines(records).Length);
        Assert.Contains(records, result.Stderr);
        Assert.True(File.Exists(reasons));
        Assert.Equal(["ad-1"], await StoredAdIdsAsync(db));
    }

    [Fact]
    public async Task A_killed_import_keeps_every_reported_record_and_a_rerun_completes_it()
    {
        const int total = 30_000;
        var db = await NewDatabaseAsync();
        var platform = await PlatformWithAdvertiserAsync(db);
        var ads = Infrastructure.TestFiles.NewPath("many.ndjson");
        await using (var writer = new StreamWriter(ads))
        {
            for (var i = 0; i < total; i++)
                await writer.WriteLineAsync(JsonSerializer.Serialize(SampleRecords.Ad($"ad-{i:00000}", "adv-1"), CandorJson.Output));
        }
        string[] args = ["--db", db, "import", "ads", ads, "--platform", platform, "--batch-size", "100", "--progress-interval", "0"];

        long reported = 0;
        using (var process = CliRunner.Start(args))
        {
            _ = process.StandardOutput.ReadToEndAsync();
            while (await process.StandardError.ReadLineAsync() is { } line)
            {
                var m = ProgressLine().Match(line);
                if (!m.Success) continue;
                // Lines still in the pipe after the kill were written before it, so the last one counts.
                if (reported == 0) process.Kill(entireProcessTree: true);
                reported = Number(m, 1);
            }
            await process.WaitForExitAsync();
        }
        var afterKill = (await StoredAdIdsAsync(db)).ToHashSet(StringComparer.Ordinal);
        var rerun = await CandorAsync(db, "import", "ads", ads, "--platform", platform);
        var afterRerun = await StoredAdIdsAsync(db);

        Assert.InRange(reported, 1, total - 1);
        Assert.All(Enumerable.Range(0, (int)reported), i => Assert.Contains($"ad-{i:00000}", afterKill));
        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        var (read, created, updated, unchanged, rejected) = Summary(rerun);
        Assert.Equal((total, 0L, 0L), (read, updated, rejected));
        Assert.Equal(total, created + unchanged);
        Assert.Equal(afterKill.Count, unchanged);
        Assert.Equal(total, afterRerun.Count);
        Assert.Equal(total, afterRerun.Distinct(StringComparer.Ordinal).Count());
    }
}

public sealed class ImportCliTests_Sqlite : ImportCliTests
{
    protected override Task<string> NewDatabaseAsync() => Task.FromResult(Infrastructure.TestFiles.NewSqlitePath("cli-import"));
}

public sealed class ImportCliTests_Postgres : ImportCliTests
{
    protected override Task<string> NewDatabaseAsync() => PostgresServer.CreateDatabaseAsync("cli_import");
}
