using Candor.Data;
using Candor.Features.Screening.Lists;
using Candor.Features.Screening.Matching;
using Candor.Features.Screening.Storage;
using Microsoft.EntityFrameworkCore;

namespace Candor.Features.Screening;

public sealed record LoadedSnapshot(long Id, string List, DateOnly AsOf);

/// <summary>
/// An index together with the snapshots it was built from, so a finding can say which snapshot it used; the hash of
/// every loaded entry, so a finding learns whether its entry is still listed and unchanged; and the lists withdrawn
/// altogether.
/// </summary>
public sealed record LoadedIndex(ScreeningIndex Index, IReadOnlyList<LoadedSnapshot> Snapshots,
    IReadOnlyDictionary<string, string>? EntryHashes = null, IReadOnlySet<string>? WithdrawnLists = null)
{
    /// <summary>Whether the list's current snapshot still has the entry: how a finding learns it was delisted.</summary>
    public bool HasEntry(string list, string entryKey) => EntryHashes?.ContainsKey(KeyOf(list, entryKey)) ?? false;

    /// <summary>The hash of the entry in its list's current snapshot, or null when it is not there.</summary>
    public string? EntryHashOf(string list, string entryKey) => EntryHashes?.GetValueOrDefault(KeyOf(list, entryKey));

    public bool IsWithdrawn(string list) => WithdrawnLists?.Contains(list) ?? false;

    public static string KeyOf(string list, string entryKey) => list + "\n" + entryKey;

    public static readonly LoadedIndex Empty = new(ScreeningIndex.Empty, []);

    public bool SameSnapshots(IReadOnlyList<LoadedSnapshot> other) =>
        Snapshots.Select(s => s.Id).Order().SequenceEqual(other.Select(s => s.Id).Order());

    public long? SnapshotOf(string list) => Snapshots.FirstOrDefault(s => s.List == list)?.Id;
}

/// <summary>Builds the in-memory index from the current snapshot of every list.</summary>
public static class ScreeningIndexes
{
    /// <summary>The cheap query every node polls: one row per list.</summary>
    public static async Task<List<LoadedSnapshot>> CurrentSnapshotsAsync(CandorDb db, CancellationToken ct) =>
        await ListSnapshotQueries.Current(db).AsNoTracking().OrderBy(s => s.Id)
            .Select(s => new LoadedSnapshot(s.Id, s.ListSlug, s.AsOf)).ToListAsync(ct);

    public static Task<LoadedIndex> LoadAsync(CandorDb db, IReadOnlyList<LoadedSnapshot> snapshots, CancellationToken ct) =>
        LoadAsync(db, snapshots, previous: null, ct);

    /// <summary>Loads the snapshots into a new index, reusing the normalised names of <paramref name="previous"/> (see <see cref="ScreeningIndex.Build(IEnumerable{ListEntry}, ScreeningIndex?)"/>).</summary>
    public static async Task<LoadedIndex> LoadAsync(CandorDb db, IReadOnlyList<LoadedSnapshot> snapshots, ScreeningIndex? previous, CancellationToken ct)
    {
        var (entries, hashes) = await ReadEntriesAsync(db, snapshots, ct);
        var withdrawn = (await ListSnapshotQueries.Withdrawn(db).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        return new LoadedIndex(ScreeningIndex.Build(entries, previous), snapshots, hashes, withdrawn);
    }

    /// <summary>The stored entries of the snapshots, and each entry's hash by <see cref="LoadedIndex.KeyOf"/>.</summary>
    public static async Task<(List<ListEntry> Entries, Dictionary<string, string> Hashes)> ReadEntriesAsync(
        CandorDb db, IReadOnlyList<LoadedSnapshot> snapshots, CancellationToken ct)
    {
        var entries = new List<ListEntry>();
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var snapshot in snapshots)
        {
            await foreach (var row in db.ListEntries.AsNoTracking().Where(e => e.SnapshotId == snapshot.Id).OrderBy(e => e.Id).AsAsyncEnumerable().WithCancellation(ct))
            {
                entries.Add(StoredEntries.ToEntry(snapshot.List, row));
                hashes[LoadedIndex.KeyOf(snapshot.List, row.EntryKey)] = row.EntryHash;
            }
        }
        return (entries, hashes);
    }

    public static async Task<LoadedIndex> LoadCurrentAsync(CandorDb db, CancellationToken ct) =>
        await LoadAsync(db, await CurrentSnapshotsAsync(db, ct), ct);
}

/// <summary>
/// The server's current index. Rebuilt off to the side and swapped in one reference write when the set of current
/// snapshots changes, so searches in flight finish on the index they started with.
/// </summary>
public sealed class ScreeningIndexHolder(IServiceScopeFactory scopes, ILogger<ScreeningIndexHolder> logger) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile LoadedIndex? _current;

    /// <summary>Raised after a new index is swapped in (e.g. to rescreen), with the index it replaced.</summary>
    public event Action<LoadedIndex, LoadedIndex>? Swapped;

    /// <summary>The index, loading it on first use.</summary>
    public async Task<LoadedIndex> GetAsync(CancellationToken ct) => _current ?? await RefreshAsync(ct);

    /// <summary>Checks the current snapshot ids and rebuilds only when they changed.</summary>
    public async Task<LoadedIndex> RefreshAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CandorDb>();
            var snapshots = await ScreeningIndexes.CurrentSnapshotsAsync(db, ct);
            var previous = _current;
            if (previous is not null && previous.SameSnapshots(snapshots)) return previous;
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var loaded = await ScreeningIndexes.LoadAsync(db, snapshots, previous?.Index, ct);
            _current = loaded;
            logger.LogInformation("Screening index built from snapshots {Snapshots}: {Entries} entries, {Names} names in {Ms} ms",
                string.Join(",", snapshots.Select(s => $"{s.List}#{s.Id}")), loaded.Index.EntryCount, loaded.Index.NameCount,
                (int)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (previous is not null) Swapped?.Invoke(previous, loaded);
            return loaded;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}

/// <summary>Polls for snapshots imported by the CLI or another node and rebuilds the index when one appears.</summary>
public sealed class ScreeningIndexRefresher(ScreeningIndexHolder holder, TimeProvider clock, IConfiguration configuration,
    ILogger<ScreeningIndexRefresher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Candor:Screening:RefreshSeconds", 10)));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await holder.RefreshAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A database hiccup must not stop the poller; the old index keeps serving.
                logger.LogWarning(ex, "Screening index refresh failed; keeping the current index");
            }
            try
            {
                await Task.Delay(interval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
