using System.CommandLine;
using Candor.Cli;
using Candor.Data;
using Candor.Features.Ads;
using Candor.Features.Platforms;

namespace Candor.Features.Import;

/// <summary><c>candor import advertisers|ads FILE --platform SLUG</c>: bulk-load a platform's records from NDJSON or CSV.</summary>
public static class ImportCommand
{
    // The shell's code for a process stopped by SIGINT.
    private const int Interrupted = 130;

    private const string ExitCodes =
        "Exit codes: 0 all records stored; 1 some records were rejected (copied to NAME.rejects.EXT, reasons in NAME.rejects.reasons.txt) " +
        "or the import failed; 2 bad usage; 130 interrupted (run it again to finish).";

    public static Command Command() => new("import", "Load advertisers or ads from an NDJSON or CSV file (docs/import.md). " + ExitCodes)
    {
        Verb(ImportKind.Advertisers, "advertisers", "Create or update the platform's advertisers from a file"),
        Verb(ImportKind.Ads, "ads", "Create or update the platform's ads from a file (their advertisers must be imported first)"),
    };

    private static Command Verb(ImportKind kind, string name, string description)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "An .ndjson/.jsonl file (one JSON object per line) or a .csv file with a header of field names" };
        var platform = new Option<string>("--platform") { Description = "The platform's slug", Required = true };
        var format = new Option<string?>("--format") { Description = "ndjson or csv (default: from FILE's extension)" };
        format.AcceptOnlyFromAmong(ImportFormats.Names);
        var batchSize = new Option<int>("--batch-size")
        {
            Description = $"Records per transaction, 1 to {AdLimits.BatchSize}",
            DefaultValueFactory = _ => ImportFile.DefaultBatchSize,
        };
        var progressInterval = new Option<double>("--progress-interval")
        {
            Description = "Seconds between plain progress lines when stderr is not a terminal",
            DefaultValueFactory = _ => 5,
            Hidden = true,
        };
        var command = new Command(name, $"{description}. {ExitCodes}") { file, platform, format, batchSize, progressInterval };
        command.SetHandler(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!.FullName;
            if (!File.Exists(path)) throw new CliException($"File not found: {path}", CliHost.BadUsage);
            var size = parse.GetValue(batchSize);
            if (size is < 1 or > AdLimits.BatchSize) throw new CliException($"--batch-size must be 1 to {AdLimits.BatchSize}.", CliHost.BadUsage);
            var importFormat = ImportFormats.Resolve(parse.GetValue(format), path);
            await using var services = await CliHost.OpenAsync(parse, ct);
            long platformId;
            await using (var scope = services.CreateAsyncScope())
                platformId = await PlatformLookup.IdOfAsync(scope.ServiceProvider.GetRequiredService<CandorDb>(), parse.GetValue(platform), ct);

            var progress = new ImportProgress(Console.Error, terminal: !Console.IsErrorRedirected,
                TimeSpan.FromSeconds(Math.Max(0, parse.GetValue(progressInterval))), services.GetRequiredService<TimeProvider>());
            var summary = await ImportFile.RunAsync(services, new ImportRequest(kind, path, importFormat, platformId, size), progress, ct);
            if (summary.Interrupted)
            {
                Console.WriteLine($"Interrupted {Path.GetFileName(path)}: {summary.Describe()} Run the same command again to finish.");
                return Interrupted;
            }
            Console.WriteLine($"Imported {Path.GetFileName(path)}: {summary.Describe()}");
            return summary.Rejected == 0 ? CliHost.Ok : CliHost.Failure;
        });
        return command;
    }
}
