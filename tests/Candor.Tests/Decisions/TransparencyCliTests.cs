using Candor.Tests.Infrastructure;

namespace Candor.Tests.Decisions;

/// <summary>`candor dumps build` and `candor tdb export` run as the real executable.</summary>
public sealed class TransparencyCliTests
{
    private readonly string _db = TestFiles.NewSqlitePath("cli-transparency");

    private Task<CliResult> Candor(params string[] args) => CliRunner.RunAsync(["--db", _db, .. args]);

    [Fact]
    public async Task Dumps_build_writes_the_days_zips_and_checksums_into_the_folder()
    {
        var folder = TestFiles.NewPath("cli-dumps");

        var result = await Candor("dumps", "build", "--date", "2026-11-01", "--out", folder);

        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (var name in new[] { "sor-global-2026-11-01-full.zip", "sor-global-2026-11-01-light.zip" })
        {
            Assert.Contains(Path.Combine(folder, name), result.Stdout, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(folder, name + ".sha256")), name);
        }
    }

    [Fact]
    public async Task Dumps_build_with_a_malformed_date_is_bad_usage()
    {
        var result = await Candor("dumps", "build", "--date", "1.11.2026");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("YYYY-MM-DD", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tdb_export_without_a_configured_token_queues_nothing_to_send_and_says_so()
    {
        Assert.Equal(0, (await Candor("platform", "create", "Export CLI", "--slug", "export-cli")).ExitCode);

        var result = await Candor("tdb", "export", "--since", "2026-01-01", "--platform", "export-cli");
        var unknown = await Candor("tdb", "export", "--since", "2026-01-01", "--platform", "nope");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("\"platform\":\"export-cli\"", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"job_id\":null", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("no TDB token configured", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, unknown.ExitCode);
    }
}
