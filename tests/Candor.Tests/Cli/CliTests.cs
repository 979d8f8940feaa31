using System.Text.Json.Nodes;
using Candor.Tests.Infrastructure;

namespace Candor.Tests.Cli;

/// <summary>The real executable: help, exit codes, platforms and tokens on a fresh SQLite file per test.</summary>
public sealed class CliTests
{
    private readonly string _db = TestFiles.NewSqlitePath("cli");

    private Task<CliResult> Candor(params string[] args) => CliRunner.RunAsync(["--db", _db, .. args]);

    [Theory]
    [InlineData("--help")]
    [InlineData("import", "--help")]
    [InlineData("import", "ads", "--help")]
    public async Task Help_exits_0(params string[] args)
    {
        var result = await CliRunner.RunAsync(args);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Usage:", result.Stdout);
    }

    [Fact]
    public async Task Import_help_names_its_exit_codes()
    {
        var result = await CliRunner.RunAsync(["import", "ads", "--help"]);

        Assert.Contains("--platform", result.Stdout);
        Assert.Contains("1 some records were rejected", result.Stdout);
    }

    [Fact]
    public async Task An_unknown_verb_exits_2()
    {
        var result = await CliRunner.RunAsync(["frobnicate"]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("candor --help", result.Stderr);
    }

    [Fact]
    public async Task Migrate_creates_the_schema()
    {
        var result = await Candor("migrate");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Schema is up to date", result.Stdout);
        Assert.True(File.Exists(_db));
    }

    [Fact]
    public async Task Platform_create_prints_its_id_and_slug_as_json()
    {
        var result = await Candor("platform", "create", "Example Social");

        Assert.True(result.ExitCode == 0, result.ToString());
        var platform = JsonNode.Parse(result.Stdout)!;
        Assert.True(platform["id"]!.GetValue<long>() > 0);
        Assert.Equal("example-social", platform["slug"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_token_is_printed_once_listed_by_prefix_only_and_revoked()
    {
        await Candor("platform", "create", "Example Social");

        var created = await Candor("token", "create", "--platform", "example-social");
        var token = created.Stdout.Trim();
        var listed = await Candor("token", "list", "--platform", "example-social");
        var id = JsonNode.Parse(listed.Stdout.Split('\n')[0])!["id"]!.GetValue<long>().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var revoked = await Candor("token", "revoke", "--platform", "example-social", id);
        var again = await Candor("token", "revoke", "--platform", "example-social", id);
        var afterwards = await Candor("token", "list", "--platform", "example-social");

        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.StartsWith("cnd_", token);
        Assert.DoesNotContain(token, listed.Stdout);
        var prefix = JsonNode.Parse(listed.Stdout.Split('\n')[0])!["prefix"]!.GetValue<string>();
        Assert.StartsWith(prefix, token);
        Assert.True(revoked.ExitCode == 0, revoked.ToString());
        Assert.Equal(1, again.ExitCode);
        Assert.NotNull(JsonNode.Parse(afterwards.Stdout.Split('\n')[0])!["revoked_at"]);
    }

    [Fact]
    public async Task A_missing_required_option_exits_2()
    {
        var result = await Candor("token", "create");

        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public async Task Jobs_can_be_listed_run_and_a_failed_one_retried_from_the_cli()
    {
        var listed = await Candor("jobs", "list", "--state", "failed");
        var ran = await Candor("jobs", "run");
        var retried = await Candor("jobs", "retry", "424242");
        var badState = await Candor("jobs", "list", "--state", "sleeping");

        Assert.True(listed.ExitCode == 0, listed.ToString());
        Assert.Equal("", listed.Stdout);
        Assert.True(ran.ExitCode == 0, ran.ToString());
        Assert.Contains("ran 0 job(s)", ran.Stderr);
        Assert.Equal(1, retried.ExitCode);
        Assert.Contains("no failed job with id 424242", retried.Stderr);
        Assert.Equal(2, badState.ExitCode);
    }
}
