using System.Globalization;
using System.Text;
using Candor.Cli;
using Candor.Features.Screening.Lists;

namespace Candor.Features.Screening;

/// <summary>
/// Batch screening for <c>candor screen --file</c>: every input row gives at least one output row (its matches, "none",
/// or "rejected" with the reason), so the output accounts for the whole input.
/// </summary>
public static class ScreenFile
{
    public static readonly string[] OutputColumns =
        ["row", "id", "query", "status", "list", "source_id", "name", "matched_name", "score", "explanation"];

    public static async Task<int> RunAsync(LoadedIndex index, string path, string? outputPath, ScreenRequest defaults, CancellationToken ct)
    {
        await using var writer = outputPath is null ? null : new StreamWriter(outputPath, append: false, new UTF8Encoding(false));
        var output = writer ?? Console.Out;
        var csv = output;
        await WriteAsync(csv, OutputColumns);

        Dictionary<string, int>? columns = null;
        int rows = 0, flagged = 0, rejected = 0;
        try
        {
            foreach (var record in CsvRecords.ReadFile(path, new UTF8Encoding(false, throwOnInvalidBytes: true)))
            {
                ct.ThrowIfCancellationRequested();
                if (columns is null)
                {
                    columns = record.Fields.Select((f, i) => (f.Trim().TrimStart('\uFEFF').ToLowerInvariant(), i))
                        .GroupBy(c => c.Item1).ToDictionary(g => g.Key, g => g.First().i, StringComparer.Ordinal);
                    if (!columns.ContainsKey("name"))
                        throw new CliException($"{Path.GetFileName(path)}: the header has no 'name' column (columns: name, and optionally id, country, type, date_of_birth).", CliHost.BadUsage);
                    continue;
                }
                if (record.Fields.Length == 1 && record.Fields[0].Length == 0) continue;
                rows++;
                string? Get(string column) => columns.TryGetValue(column, out var i) && i < record.Fields.Length && record.Fields[i].Length > 0 ? record.Fields[i] : null;
                var request = defaults with
                {
                    Name = Get("name") ?? "",
                    Country = Get("country") ?? defaults.Country,
                    Type = Get("type") ?? defaults.Type,
                    DateOfBirth = Get("date_of_birth") ?? defaults.DateOfBirth,
                };
                var rowNumber = record.Line.ToString(CultureInfo.InvariantCulture);
                var id = Get("id") ?? "";
                var (query, errors) = ScreenName.Validate(request);
                var (matches, reason) = query is null ? ([], string.Join(" ", errors.Describe())) : ScreenName.Run(index, query);
                if (reason is not null)
                {
                    rejected++;
                    await WriteAsync(csv, [rowNumber, id, Shorten(request.Name!), "rejected: " + reason, "", "", "", "", "", ""]);
                }
                else if (matches.Count == 0)
                {
                    await WriteAsync(csv, [rowNumber, id, request.Name!, "none", "", "", "", "", "", ""]);
                }
                else
                {
                    flagged++;
                    foreach (var m in matches)
                        await WriteAsync(csv, [rowNumber, id, request.Name!, "match", m.List, m.SourceId, m.Name, m.MatchedName,
                            m.Score.ToString("0.000", CultureInfo.InvariantCulture), ScreenName.Describe(m.Explanation)]);
                }
                if (rows % 1000 == 0) await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"screen: {rows:N0} names screened, {flagged:N0} with matches"));
            }
        }
        catch (ListFormatException ex)
        {
            throw new CliException($"cannot read the names file: {ex.Message}");
        }
        catch (DecoderFallbackException)
        {
            throw new CliException($"{Path.GetFileName(path)} is not UTF-8 text.");
        }
        if (columns is null) throw new CliException($"{Path.GetFileName(path)} is empty; it needs a header with a 'name' column.", CliHost.BadUsage);
        await csv.FlushAsync(ct);
        await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"screen: {rows:N0} names screened, {flagged:N0} with matches, {rejected:N0} rejected{(outputPath is null ? "" : $"; results in {outputPath}")}"));
        return rejected > 0 ? CliHost.Failure : CliHost.Ok;
    }

    private static string Shorten(string name) => name.Length > 200 ? name[..200] + "…" : name;

    private static async Task WriteAsync(TextWriter csv, string[] fields) =>
        await csv.WriteLineAsync(string.Join(',', fields.Select(Quote)));

    /// <summary>RFC 4180 quoting; a leading formula character is prefixed so a spreadsheet shows a name, never runs it.</summary>
    public static string Quote(string field)
    {
        if (field.Length > 0 && field[0] is '=' or '+' or '-' or '@') field = "'" + field;
        return field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
