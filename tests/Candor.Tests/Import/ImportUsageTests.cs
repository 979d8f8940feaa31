using Candor.Tests.Infrastructure;

namespace Candor.Tests.Import;

/// <summary>Usage errors of <c>candor import</c> exit 2 before anything is read or stored.</summary>
public sealed class ImportUsageTests
{
    private readonly string _db = TestFiles.NewSqlitePath("cli-usage");

    [Fact]
    public async Task A_missing_platform_option_exits_2()
    {
        var file = ImportFiles.Write("ads.ndjson", "");

        var result = await CliRunner.RunAsync(["--db", _db, "import", "ads", file]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("--platform", result.Stderr);
    }

    [Fact]
    public async Task A_missing_file_exits_2()
    {
        var result = await CliRunner.RunAsync(["--db", _db, "import", "ads", "/nonexistent/ads.ndjson", "--platform", "p"]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("File not found", result.Stderr);
    }

    [Fact]
    public async Task An_unknown_extension_without_format_exits_2_and_format_overrides_it()
    {
        var file = ImportFiles.Write("ads.txt", "");

        var unknown = await CliRunner.RunAsync(["--db", _db, "import", "ads", file, "--platform", "p"]);
        var badFormat = await CliRunner.RunAsync(["--db", _db, "import", "ads", file, "--platform", "p", "--format", "xml"]);
        var noPlatform = await CliRunner.RunAsync(["--db", _db, "import", "ads", file, "--platform", "p", "--format", "ndjson"]);

        Assert.True(unknown.ExitCode == 2, unknown.ToString());
        Assert.Contains("--format ndjson|csv", unknown.Stderr);
        Assert.True(badFormat.ExitCode == 2, badFormat.ToString());
        // With the format given, the next problem is the platform that does not exist.
        Assert.True(noPlatform.ExitCode == 1, noPlatform.ToString());
        Assert.Contains("No platform with slug 'p'", noPlatform.Stderr);
    }

    [Fact]
    public async Task A_batch_size_over_1000_exits_2()
    {
        var file = ImportFiles.Write("ads.ndjson", "");

        var result = await CliRunner.RunAsync(["--db", _db, "import", "ads", file, "--platform", "p", "--batch-size", "1001"]);

        Assert.True(result.ExitCode == 2, result.ToString());
    }
}
