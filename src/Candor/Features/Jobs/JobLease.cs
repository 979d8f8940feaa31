using Candor.Data;
using Microsoft.EntityFrameworkCore;

namespace Candor.Features.Jobs;

/// <summary>
/// The claim protocol. Every state change is a conditional UPDATE (compare-and-set) on the job row: it only
/// succeeds for the node that holds the lease, and a claim only succeeds if the job is still ready. PostgreSQL
/// re-checks an UPDATE's condition on the row after waiting for its lock, and SQLite runs one writer at a time,
/// so two nodes can never both claim one job — with no engine-specific SQL.
/// </summary>
public sealed class JobLease(CandorDb db, TimeProvider clock, long jobId, string owner, TimeSpan duration)
{
    public long JobId => jobId;

    /// <summary>Claims the oldest ready job of one of <paramref name="kinds"/>, or returns null when there is none.</summary>
    public static async Task<JobLease?> ClaimNextAsync(CandorDb db, TimeProvider clock, IReadOnlyCollection<string> kinds,
        string owner, TimeSpan duration, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var candidates = await Ready(db.Jobs, kinds, now).OrderBy(j => j.RunAfter).ThenBy(j => j.Id)
            .Select(j => j.Id).Take(8).ToListAsync(ct);
        foreach (var id in candidates)
        {
            var until = now + duration;
            var claimed = await Ready(db.Jobs.Where(j => j.Id == id), kinds, now).ExecuteUpdateAsync(s => s
                .SetProperty(j => j.State, JobStates.Running)
                .SetProperty(j => j.LeaseOwner, owner)
                .SetProperty(j => j.LeaseUntil, until)
                .SetProperty(j => j.Attempts, j => j.Attempts + 1)
                .SetProperty(j => j.UpdatedAt, now), ct);
            if (claimed == 1) return new JobLease(db, clock, id, owner, duration);
        }
        return null;
    }

    /// <summary>Queued and due, or running under a lease that has run out (its node died or hung).</summary>
    private static IQueryable<Job> Ready(IQueryable<Job> jobs, IReadOnlyCollection<string> kinds, DateTimeOffset now) =>
        jobs.Where(j => kinds.Contains(j.Kind) && ((j.State == JobStates.Queued && j.RunAfter <= now)
            || (j.State == JobStates.Running && j.LeaseUntil < now)));

    private IQueryable<Job> Mine() =>
        db.Jobs.Where(j => j.Id == jobId && j.State == JobStates.Running && j.LeaseOwner == owner);

    public Task<Job> LoadAsync(CancellationToken ct) => db.Jobs.AsNoTracking().SingleAsync(j => j.Id == jobId, ct);

    public async Task<bool> RenewAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return await Mine().ExecuteUpdateAsync(s => s
            .SetProperty(j => j.LeaseUntil, now + duration)
            .SetProperty(j => j.UpdatedAt, now), ct) == 1;
    }

    public async Task<bool> SaveProgressAsync(long done, long? total, string? checkpointJson, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return await Mine().ExecuteUpdateAsync(s => s
            .SetProperty(j => j.ProgressDone, done)
            .SetProperty(j => j.ProgressTotal, total)
            .SetProperty(j => j.CheckpointJson, checkpointJson)
            .SetProperty(j => j.LeaseUntil, now + duration)
            .SetProperty(j => j.UpdatedAt, now), ct) == 1;
    }

    public async Task CompleteAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await Mine().ExecuteUpdateAsync(s => s
            .SetProperty(j => j.State, JobStates.Succeeded)
            .SetProperty(j => j.LeaseOwner, (string?)null)
            .SetProperty(j => j.LeaseUntil, (DateTimeOffset?)null)
            .SetProperty(j => j.LastError, (string?)null)
            .SetProperty(j => j.FinishedAt, now)
            .SetProperty(j => j.UpdatedAt, now), ct);
    }

    /// <summary>Records a failed attempt: back to the queue after a backoff, or failed for good.</summary>
    public async Task FailAsync(string error, bool permanent, TimeSpan? retryAfter, int attempts, int maxAttempts,
        CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var giveUp = permanent || attempts >= maxAttempts;
        var runAfter = now + (retryAfter ?? Backoff(attempts));
        var text = error.Length > 2000 ? error[..2000] : error;
        await Mine().ExecuteUpdateAsync(s => s
            .SetProperty(j => j.State, giveUp ? JobStates.Failed : JobStates.Queued)
            .SetProperty(j => j.RunAfter, runAfter)
            .SetProperty(j => j.LeaseOwner, (string?)null)
            .SetProperty(j => j.LeaseUntil, (DateTimeOffset?)null)
            .SetProperty(j => j.LastError, text)
            .SetProperty(j => j.FinishedAt, giveUp ? now : (DateTimeOffset?)null)
            .SetProperty(j => j.UpdatedAt, now), ct);
    }

    /// <summary>Gives the job back unharmed (this node is shutting down), so another node can start at once.</summary>
    public async Task ReleaseAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await Mine().ExecuteUpdateAsync(s => s
            .SetProperty(j => j.State, JobStates.Queued)
            .SetProperty(j => j.Attempts, j => j.Attempts - 1)
            .SetProperty(j => j.LeaseOwner, (string?)null)
            .SetProperty(j => j.LeaseUntil, (DateTimeOffset?)null)
            .SetProperty(j => j.UpdatedAt, now), ct);
    }

    /// <summary>5 s, 10 s, 20 s … capped at one hour: a remote service that is down is not hammered.</summary>
    public static TimeSpan Backoff(int attempts) =>
        TimeSpan.FromSeconds(Math.Min(3600, 5 * Math.Pow(2, Math.Clamp(attempts - 1, 0, 20))));
}
