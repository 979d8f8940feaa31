using System.CommandLine;
using System.Text.Json;
using Candor.Cli;
using Candor.Data;
using Candor.Features.Screening.Storage;
using Candor.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Candor.Features.Screening;

public sealed record SnapshotSummary(
    long Id, string List, string Format, DateOnly AsOf, string? SourceUrl, int Entries, int Names, DateTimeOffset ImportedAt,
    string State, bool Current, string? Error);

/// <summary><c>candor lists list</c>: every snapshot, newest first per list, marking the current one.</summary>
public static class ListSnapshots
{
    public static async Task<List<SnapshotSummary>> RunAsync(CandorDb db, CancellationToken ct)
    {
        var current = await ListSnapshotQueries.Current(db).Select(s => s.Id).ToListAsync(ct);
        var snapshots = await db.ListSnapshots.AsNoTracking().OrderBy(s => s.ListSlug).ThenByDescending(s => s.Id).ToListAsync(ct);
        return snapshots.Select(s => new SnapshotSummary(s.Id, s.ListSlug, s.Format, s.AsOf, s.SourceUrl, s.EntryCount, s.NameCount,
            s.ImportedAt, s.State, current.Contains(s.Id), s.Error)).ToList();
    }

    public static Command Command()
    {
        var command = new Command("list", "List every list snapshot as JSON lines (current ones marked)");
        command.SetHandler(async (parse, ct) =>
        {
            await using var services = await CliHost.OpenAsync(parse, ct);
            await using var scope = services.CreateAsyncScope();
            foreach (var s in await RunAsync(scope.ServiceProvider.GetRequiredService<CandorDb>(), ct))
                Console.WriteLine(JsonSerializer.Serialize(s, CandorJson.Output));
            return CliHost.Ok;
        });
        return command;
    }
}
