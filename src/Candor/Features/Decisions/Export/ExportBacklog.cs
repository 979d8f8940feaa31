using Candor.Data;
using Candor.Features.Decisions.Published;
using Candor.Features.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Candor.Features.Decisions.Export;

/// <summary>Puts a platform's issued decisions into the export (one pending row each, never two) and queues the job that sends them.</summary>
public static class ExportBacklog
{
    public const string JobKind = "tdb.export";

    public sealed record JobPayload(long PlatformId);

    public static string DedupeKey(long platformId) => $"tdb.export:{platformId}";

    /// <summary>
    /// Adds a pending row for each public decision of the platform issued at or after <paramref name="since"/> that
    /// has none, and (when <paramref name="retryFailed"/>) makes failed rows since then pending again. Returns how many
    /// rows were added or re-queued. A unique index on the decision makes a second concurrent call add nothing.
    /// </summary>
    public static async Task<int> MarkPendingAsync(CandorDb db, TimeProvider clock, long platformId, DateTimeOffset? since,
        bool retryFailed, CancellationToken ct)
    {
        var decisions = db.Decisions.AsNoTracking().Visible().Where(d => d.PlatformId == platformId);
        if (since is { } from) decisions = decisions.Where(d => d.IssuedAt >= from);
        var total = 0;
        if (retryFailed)
        {
            var failedIds = decisions.Select(d => d.Id);
            total += await db.DecisionExports
                .Where(e => e.PlatformId == platformId && e.State == ExportStates.Failed && failedIds.Contains(e.DecisionId))
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.State, ExportStates.Pending), ct);
        }
        while (true)
        {
            var missing = await decisions.Where(d => !db.DecisionExports.Any(e => e.DecisionId == d.Id))
                .OrderBy(d => d.Id).Select(d => d.Id).Take(1000).ToListAsync(ct);
            if (missing.Count == 0) return total;
            var now = clock.GetUtcNow();
            var rows = missing.Select(id => new DecisionExport { DecisionId = id, PlatformId = platformId, State = ExportStates.Pending, QueuedAt = now }).ToList();
            db.DecisionExports.AddRange(rows);
            try
            {
                await db.SaveChangesAsync(ct);
                total += rows.Count;
            }
            catch (DbUpdateException ex) when (UniqueConflictRetry.IsUniqueViolation(ex))
            {
                // Another node queued some of them a moment ago; look again.
                foreach (var row in rows) db.Entry(row).State = EntityState.Detached;
            }
        }
    }

    public static Task<long> EnqueueAsync(CandorDb db, TimeProvider clock, long platformId, CancellationToken ct) =>
        BackgroundJobs.EnqueueAsync(db, clock, JobKind, new JobPayload(platformId), DedupeKey(platformId), ct);

    /// <summary>Whether the platform has decisions to export: pending rows, or public decisions without a row.</summary>
    public static async Task<bool> HasWorkAsync(CandorDb db, long platformId, DateTimeOffset? since, CancellationToken ct)
    {
        if (await db.DecisionExports.AnyAsync(e => e.PlatformId == platformId && e.State == ExportStates.Pending, ct)) return true;
        var decisions = db.Decisions.Visible().Where(d => d.PlatformId == platformId);
        if (since is { } from) decisions = decisions.Where(d => d.IssuedAt >= from);
        return await decisions.AnyAsync(d => !db.DecisionExports.Any(e => e.DecisionId == d.Id), ct);
    }
}
