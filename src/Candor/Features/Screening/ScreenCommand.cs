using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Candor.Cli;
using Candor.Data;
using Candor.Infrastructure;

namespace Candor.Features.Screening;

/// <summary><c>candor screen "NAME"</c> or <c>candor screen --file names.csv [--output results.csv]</c>.</summary>
public static class ScreenCommand
{
    public static Command Command()
    {
        var name = new Argument<string?>("NAME") { Description = "The name to screen", Arity = ArgumentArity.ZeroOrOne };
        var file = new Option<string?>("--file") { Description = "A CSV of names to screen (header with 'name'; optional id, country, type, date_of_birth)" };
        var output = new Option<string?>("--output") { Description = "Where to write the batch results CSV (default: stdout)" };
        var country = new Option<string?>("--country") { Description = "Country code or name, a corroborating field" };
        var type = new Option<string?>("--type") { Description = "person or organization (also vessel, aircraft): a soft signal, never a filter" };
        var dob = new Option<string?>("--dob") { Description = "Date of birth, yyyy or yyyy-mm-dd, a corroborating field" };
        var minScore = new Option<double?>("--min-score") { Description = $"Show matches scoring at least this (default {ScreenName.RecommendedMinScore})" };
        var limit = new Option<int?>("--limit") { Description = $"At most this many matches per name (default {ScreenName.DefaultLimit})" };
        var json = new Option<bool>("--json") { Description = "Print the matches as a JSON array" };
        var command = new Command("screen", "Screen a name, or a CSV of names, against every current restricted-party list")
        {
            name, file, output, country, type, dob, minScore, limit, json,
        };
        command.SetHandler(async (parse, ct) =>
        {
            var single = parse.GetValue(name);
            var path = parse.GetValue(file);
            if ((single is null) == (path is null)) throw new CliException("give either NAME or --file, not both and not neither.", CliHost.BadUsage);
            if (path is not null && !File.Exists(path)) throw new CliException($"no such file: {path}", CliHost.BadUsage);
            var request = new ScreenRequest(single ?? "x", parse.GetValue(country), parse.GetValue(type), parse.GetValue(dob), parse.GetValue(minScore), parse.GetValue(limit));
            var (query, errors) = ScreenName.Validate(request);
            if (query is null) throw new CliException(string.Join(" ", errors.Describe()), CliHost.BadUsage);

            await using var services = await CliHost.OpenAsync(parse, ct);
            await using var scope = services.CreateAsyncScope();
            await Console.Error.WriteLineAsync("screen: loading the current lists…");
            var index = await ScreeningIndexes.LoadCurrentAsync(scope.ServiceProvider.GetRequiredService<CandorDb>(), ct);
            await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"screen: {index.Snapshots.Count} lists ({string.Join(", ", index.Snapshots.Select(s => s.List))}), {index.Index.EntryCount:N0} entries"));
            if (index.Snapshots.Count == 0) await Console.Error.WriteLineAsync("screen: warning: no list is imported; see `candor lists import`.");
            if (path is not null) return await ScreenFile.RunAsync(index, path, parse.GetValue(output), request, ct);

            var (matches, rejected) = ScreenName.Run(index, query);
            if (rejected is not null) throw new CliException($"the name cannot be screened: {rejected}", CliHost.BadUsage);
            if (parse.GetValue(json)) Console.WriteLine(JsonSerializer.Serialize(matches, CandorJson.Output));
            else Print(matches, query.MinScore);
            return CliHost.Ok;
        });
        return command;
    }

    private static void Print(IReadOnlyList<ScreenMatch> matches, double minScore)
    {
        if (matches.Count == 0)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"No match at or above {minScore:0.00}."));
            return;
        }
        var text = new StringBuilder();
        foreach (var m in matches)
        {
            text.Append(CultureInfo.InvariantCulture, $"{m.Score:0.00}  {m.List} {m.SourceId}  {m.Name}");
            if (m.MatchedName != m.Name) text.Append(CultureInfo.InvariantCulture, $"  (matched {m.MatchedNameKind} \"{m.MatchedName}\")");
            text.AppendLine();
            text.Append("      ").AppendLine(ScreenName.Describe(m.Explanation));
        }
        Console.Write(text);
    }
}
