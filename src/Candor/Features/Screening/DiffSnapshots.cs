using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Candor.Cli;
using Candor.Data;
using Candor.Features.Screening.Storage;
using Candor.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Candor.Features.Screening;

public sealed record EntryChange(string Change, string Key, string SourceId, string Name);

public sealed record SnapshotDiff(string List, long From, long To, int Added, int Removed, int Changed, IReadOnlyList<EntryChange> Changes);

/// <summary><c>candor lists diff SLUG [--from N --to M]</c>: entries added, removed and changed between two snapshots of a list.</summary>
public static class DiffSnapshots
{
    private sealed record Keyed(string EntryKey, string SourceId, string PrimaryName, string EntryHash);

    public static async Task<SnapshotDiff> RunAsync(CandorDb db, string listSlug, long? from, long? to, CancellationToken ct)
    {
        var complete = await db.ListSnapshots.AsNoTracking()
            .Where(s => s.ListSlug == listSlug && s.State == SnapshotStates.Complete)
            .OrderByDescending(s => s.Id).Select(s => s.Id).ToListAsync(ct);
        if (complete.Count == 0) throw new CliException($"list '{listSlug}' has no snapshot; see `candor lists list`.");
        var toId = to ?? complete[0];
        var fromId = from ?? complete.Where(id => id < toId).Cast<long?>().FirstOrDefault()
            ?? throw new CliException($"list '{listSlug}' has only one snapshot before or at {toId}; nothing to compare it with.");
        foreach (var id in new[] { fromId, toId })
            if (!complete.Contains(id)) throw new CliException($"snapshot {id} is not a complete snapshot of list '{listSlug}'.", CliHost.BadUsage);

        var before = await LoadAsync(db, fromId, ct);
        var after = await LoadAsync(db, toId, ct);
        var changes = new List<EntryChange>();
        foreach (var (key, entry) in after.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            if (!before.TryGetValue(key, out var old)) changes.Add(new("added", key, entry.SourceId, entry.PrimaryName));
            else if (old.EntryHash != entry.EntryHash) changes.Add(new("changed", key, entry.SourceId, entry.PrimaryName));
        }
        foreach (var (key, entry) in before.Where(e => !after.ContainsKey(e.Key)).OrderBy(e => e.Key, StringComparer.Ordinal))
            changes.Add(new("removed", key, entry.SourceId, entry.PrimaryName));
        return new SnapshotDiff(listSlug, fromId, toId, changes.Count(c => c.Change == "added"), changes.Count(c => c.Change == "removed"),
            changes.Count(c => c.Change == "changed"), changes);
    }

    private static async Task<Dictionary<string, Keyed>> LoadAsync(CandorDb db, long snapshotId, CancellationToken ct) =>
        await db.ListEntries.AsNoTracking().Where(e => e.SnapshotId == snapshotId)
            .Select(e => new Keyed(e.EntryKey, e.SourceId, e.PrimaryName, e.EntryHash))
            .ToDictionaryAsync(e => e.EntryKey, StringComparer.Ordinal, ct);

    public static Command Command()
    {
        var slug = new Argument<string>("SLUG") { Description = "The list's slug" };
        var from = new Option<long?>("--from") { Description = "The older snapshot id (default: the one before --to)" };
        var to = new Option<long?>("--to") { Description = "The newer snapshot id (default: the current one)" };
        var json = new Option<bool>("--json") { Description = "One JSON object per change, then the counts" };
        var command = new Command("diff", "Entries added, removed and changed between two snapshots of a list") { slug, from, to, json };
        command.SetHandler(async (parse, ct) =>
        {
            await using var services = await CliHost.OpenAsync(parse, ct);
            await using var scope = services.CreateAsyncScope();
            var diff = await RunAsync(scope.ServiceProvider.GetRequiredService<CandorDb>(), parse.GetValue(slug)!, parse.GetValue(from), parse.GetValue(to), ct);
            foreach (var change in diff.Changes)
                Console.WriteLine(parse.GetValue(json)
                    ? JsonSerializer.Serialize(change, CandorJson.Output)
                    : $"{Sign(change.Change)} {change.SourceId}\t{change.Name}");
            var counts = string.Create(CultureInfo.InvariantCulture,
                $"{diff.List}: snapshot {diff.From} -> {diff.To}: {diff.Added} added, {diff.Removed} removed, {diff.Changed} changed");
            if (parse.GetValue(json)) Console.WriteLine(JsonSerializer.Serialize(diff with { Changes = [] }, CandorJson.Output));
            else Console.WriteLine(counts);
            return CliHost.Ok;
        });
        return command;
    }

    private static char Sign(string change) => change switch { "added" => '+', "removed" => '-', _ => '~' };
}
