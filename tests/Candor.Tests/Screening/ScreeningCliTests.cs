using System.Text.Json;
using System.Text.Json.Nodes;
using Candor.Data;
using Candor.Features.Evaluations;
using Candor.Features.Jobs;
using Candor.Features.Review;
using Candor.Features.Screening.Vetting;
using Candor.Infrastructure;
using Candor.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Candor.Tests.Screening.Storage;

namespace Candor.Tests.Screening;

/// <summary>
/// The real executable: lists import/list/diff/remove and screen (one name and a CSV), with the bad inputs of issue 5.
/// Every test runs on SQLite and on PostgreSQL (the subclasses pass a file path or a connection string as <c>--db</c>).
/// </summary>
public abstract class ScreeningCliTests
{
    protected abstract Task<string> NewDatabaseAsync();

    private async Task<Func<string[], Task<CliResult>>> CandorAsync()
    {
        var db = await NewDatabaseAsync();
        return args => CliRunner.RunAsync(["--db", db, .. args]);
    }

    [Fact]
    public async Task Lists_remove_delists_findings_closes_their_review_items_and_queues_their_advertisers_evaluation()
    {
        var db = await NewDatabaseAsync();
        Task<CliResult> Candor(params string[] args) => CliRunner.RunAsync(["--db", db, .. args], timeout: TimeSpan.FromMinutes(5));
        Assert.Equal(0, (await Candor("platform", "create", "Lists CLI", "--slug", "lists-cli")).ExitCode);
        var advertisers = ScreeningFiles.Write("advertisers.csv", "id,legal_name,country\nz,ZTE Corporation,CN\nn,Nordwind Outdoor GmbH,DE\n");
        var imported = await Candor("import", "advertisers", advertisers, "--platform", "lists-cli");
        Assert.True(imported.ExitCode == 0, imported.ToString());
        Assert.Equal(0, (await Candor("lists", "import", ScreeningLists.Custom(ScreeningLists.ZteRow), "--list", "covered", "--format", "custom-csv")).ExitCode);
        var ran = await Candor("jobs", "run");
        Assert.True(ran.ExitCode == 0, ran.ToString());

        var removed = await Candor("lists", "remove", "covered", "--reason", "Directive rescinded");

        Assert.True(removed.ExitCode == 0, removed.ToString());
        Assert.Equal(1, JsonNode.Parse(removed.Stdout)!["delisted_findings"]!.GetValue<int>());
        await using var services = new ServiceCollection().AddCandorStorage(DatabaseSetting.Parse(db)).BuildServiceProvider();
        await using var scope = services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<CandorDb>();
        var finding = await store.ScreeningFindings.AsNoTracking().SingleAsync();
        Assert.Equal(FindingStates.Delisted, finding.State);
        var item = await store.ReviewItems.AsNoTracking().SingleAsync();
        Assert.Equal((FindingReviewItems.KeyOf(finding.Id), ReviewStates.Resolved), (item.SubjectKey, item.State));
        var queued = (await store.Jobs.AsNoTracking().Where(j => j.Kind == EvaluationJobs.SubjectsKind && j.State == JobStates.Queued)
                .Select(j => j.PayloadJson).ToListAsync())
            .Select(p => JsonSerializer.Deserialize<EvaluationJobs.SubjectsPayload>(p, CandorJson.Output)!).ToList();
        Assert.Equal([finding.AdvertiserId], Assert.Single(queued).Ids);
    }

    [Fact]
    public async Task Import_list_diff_and_screen_round_trip()
    {
        var candor = await CandorAsync();
        var v1 = ScreeningLists.Custom(ScreeningLists.KasperskyRow, ScreeningLists.HuaweiRow);
        var v2 = ScreeningLists.Custom(ScreeningLists.HuaweiRow, ScreeningLists.ZteRow);

        var first = await candor(["lists", "import", v1, "--list", "covered", "--format", "custom-csv", "--as-of", "2022-09-20", "--source-url", "https://www.fcc.gov/x"]);
        var again = await candor(["lists", "import", v1, "--list", "covered", "--format", "custom-csv"]);
        var second = await candor(["lists", "import", v2, "--list", "covered", "--format", "custom-csv"]);
        var list = await candor(["lists", "list"]);
        var diff = await candor(["lists", "diff", "covered"]);
        var screen = await candor(["screen", "ZTE Corp", "--json"]);
        var text = await candor(["screen", "Huawei Technologies Co., Ltd."]);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("2 entries stored", first.Stderr, StringComparison.Ordinal);
        Assert.Equal("2022-09-20", JsonNode.Parse(first.Stdout)!["as_of"]!.GetValue<string>());
        Assert.True(JsonNode.Parse(again.Stdout)!["unchanged"]!.GetValue<bool>(), again.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        var snapshots = list.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(2, snapshots.Count);
        Assert.Equal([true, false], snapshots.Select(s => s["current"]!.GetValue<bool>()));
        Assert.Contains("+ fcc-2\tZTE Corporation", diff.Stdout, StringComparison.Ordinal);
        Assert.Contains("- bod-17-01\tAO Kaspersky Lab", diff.Stdout, StringComparison.Ordinal);
        Assert.Contains("1 added, 1 removed, 0 changed", diff.Stdout, StringComparison.Ordinal);
        Assert.True(screen.ExitCode == 0, screen.ToString());
        var match = JsonNode.Parse(screen.Stdout)!.AsArray().Single()!;
        Assert.Equal(("covered", "fcc-2", "ZTE Corporation"), (match["list"]!.GetValue<string>(), match["source_id"]!.GetValue<string>(), match["name"]!.GetValue<string>()));
        Assert.NotNull(match["matched_name"]);
        Assert.NotNull(match["explanation"]!["tokens"]);
        Assert.InRange(match["score"]!.GetValue<double>(), 0.85, 1);
        Assert.Contains("Huawei Technologies Company", text.Stdout, StringComparison.Ordinal);
        Assert.Contains("huawei→huawei 1.00 exact", text.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lists_remove_withdraws_a_list_so_nothing_matches_it_and_needs_a_reason()
    {
        var candor = await CandorAsync();
        await candor(["lists", "import", ScreeningLists.Custom(ScreeningLists.ZteRow), "--list", "covered", "--format", "custom-csv"]);

        var noReason = await candor(["lists", "remove", "covered"]);
        var removed = await candor(["lists", "remove", "covered", "--reason", "Directive rescinded"]);
        var again = await candor(["lists", "remove", "covered", "--reason", "again"]);
        var screen = await candor(["screen", "ZTE Corporation", "--json"]);
        var list = await candor(["lists", "list"]);

        Assert.Equal(2, noReason.ExitCode);
        Assert.True(removed.ExitCode == 0, removed.ToString());
        Assert.Equal(0, JsonNode.Parse(removed.Stdout)!["delisted_findings"]!.GetValue<int>());
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("no current snapshot", again.Stderr, StringComparison.Ordinal);
        Assert.Equal("[]", screen.Stdout.Trim());
        var snapshots = list.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal([("withdrawn", false), ("complete", false)], snapshots.Select(x => (x["state"]!.GetValue<string>(), x["current"]!.GetValue<bool>())));
        Assert.Equal("Directive rescinded", snapshots[0]["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Batch_screening_writes_a_row_for_every_name_and_reports_progress()
    {
        var candor = await CandorAsync();
        await candor(["lists", "import", ScreeningLists.Custom(ScreeningLists.KasperskyRow), "--list", "bod", "--format", "custom-csv"]);
        var names = ScreeningFiles.Write("names.csv", "id,name,country\na1,Kaspersky Lab,RU\na2,Acme Trading LLC,US\na3,😀\n");
        var output = TestFiles.NewPath("results.csv");

        var result = await candor(["screen", "--file", names, "--output", output]);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("3 names screened, 1 with matches, 1 rejected", result.Stderr, StringComparison.Ordinal);
        var lines = await File.ReadAllLinesAsync(output);
        Assert.Equal("row,id,query,status,list,source_id,name,matched_name,score,explanation", lines[0]);
        Assert.StartsWith("2,a1,Kaspersky Lab,match,bod,bod-17-01,AO Kaspersky Lab,", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("3,a2,Acme Trading LLC,none,", lines[2], StringComparison.Ordinal);
        Assert.StartsWith("4,a3,😀,rejected: ", lines[3], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("   ", "blank")]
    [InlineData("Acme\u0001Corp", "control characters")]
    [InlineData("😀😀", "no letters or digits")]
    public async Task Screen_refuses_bad_names_with_exit_2(string name, string expected)
    {
        var candor = await CandorAsync();

        var result = await candor(["screen", name]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(expected, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Screen_refuses_a_10_kb_name()
    {
        var candor = await CandorAsync();

        var result = await candor(["screen", new string('a', 10_240)]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("at most 1,000", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_refuses_bad_usage_and_damaged_files_clearly()
    {
        var candor = await CandorAsync();
        var good = ScreeningLists.Custom(ScreeningLists.KasperskyRow);
        await candor(["lists", "import", good, "--list", "bod", "--format", "custom-csv"]);
        var truncated = ScreeningLists.Custom(ScreeningLists.HuaweiRow, "x,\"cut off");

        var unknownFormat = await candor(["lists", "import", good, "--list", "bod", "--format", "pdf"]);
        var wrongFormat = await candor(["lists", "import", ScreeningFiles.Fixture("un.xml"), "--list", "bod", "--format", "custom-csv"]);
        var damaged = await candor(["lists", "import", truncated, "--list", "bod", "--format", "custom-csv"]);
        var missing = await candor(["lists", "import", "/nonexistent/sdn.csv", "--list", "bod", "--format", "ofac-sdn-csv"]);
        var badDate = await candor(["lists", "import", good, "--list", "bod", "--format", "custom-csv", "--as-of", "yesterday"]);
        var badSlug = await candor(["lists", "import", good, "--list", "Bad Slug", "--format", "custom-csv"]);
        var screen = await candor(["screen", "Kaspersky", "--json"]);

        Assert.True(unknownFormat.ExitCode == 2 && unknownFormat.Stderr.Contains("unknown --format 'pdf'", StringComparison.Ordinal), unknownFormat.ToString());
        Assert.True(wrongFormat.ExitCode == 1 && wrongFormat.Stderr.Contains("is the --format right?", StringComparison.Ordinal), wrongFormat.ToString());
        Assert.True(damaged.ExitCode == 1 && damaged.Stderr.Contains("current snapshot is unchanged", StringComparison.Ordinal), damaged.ToString());
        Assert.True(missing.ExitCode == 2 && missing.Stderr.Contains("no such file", StringComparison.Ordinal), missing.ToString());
        Assert.True(badDate.ExitCode == 2 && badDate.Stderr.Contains("yyyy-mm-dd", StringComparison.Ordinal), badDate.ToString());
        Assert.True(badSlug.ExitCode == 2, badSlug.ToString());
        Assert.Equal("bod-17-01", JsonNode.Parse(screen.Stdout)!.AsArray().Single()!["source_id"]!.GetValue<string>());
    }
}

public sealed class ScreeningCliTests_Sqlite : ScreeningCliTests
{
    protected override Task<string> NewDatabaseAsync() => Task.FromResult(TestFiles.NewSqlitePath("cli_screen"));
}

public sealed class ScreeningCliTests_Postgres : ScreeningCliTests
{
    protected override Task<string> NewDatabaseAsync() => PostgresServer.CreateDatabaseAsync("cli_screen");
}
