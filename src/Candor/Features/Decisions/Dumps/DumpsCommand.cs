using System.CommandLine;
using System.Globalization;
using Candor.Cli;
using Candor.Data;

namespace Candor.Features.Decisions.Dumps;

/// <summary><c>candor dumps build --date D [--out DIR]</c>: (re)builds one day's dumps, e.g. to backfill or after a correction.</summary>
public static class DumpsCommand
{
    public static Command Command()
    {
        var date = new Option<string>("--date") { Description = "UTC day (YYYY-MM-DD) of issue", Required = true };
        var output = new Option<string?>("--out") { Description = "Folder (default: Candor:Dumps:Path, else beside the SQLite file, else ./dumps)" };
        var build = new Command("build", "Build one day's dumps in the EU Transparency Database CSV formats, replacing existing files") { date, output };
        build.SetHandler(async (parse, ct) =>
        {
            if (!DateOnly.TryParseExact(parse.GetValue(date), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                throw new CliException("--date must be a day in the form YYYY-MM-DD.", CliHost.BadUsage);
            await using var services = await CliHost.OpenAsync(parse, ct);
            await using var scope = services.CreateAsyncScope();
            var folder = parse.GetValue(output) is { } path ? Path.GetFullPath(path) : scope.ServiceProvider.GetRequiredService<DumpFolder>().Path;
            var files = await DayDump.BuildAsync(scope.ServiceProvider.GetRequiredService<CandorDb>(), day, folder, ct);
            foreach (var file in files) Console.WriteLine(file);
            return CliHost.Ok;
        });
        return new Command("dumps", "Daily public dumps of the decisions") { build };
    }
}
