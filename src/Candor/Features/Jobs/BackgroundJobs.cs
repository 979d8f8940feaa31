using System.Text.Json;
using Candor.Data;
using Candor.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Candor.Features.Jobs;

public static class BackgroundJobs
{
    public const int DefaultMaxAttempts = 20;

    /// <summary>
    /// Adds a job to the context without saving, so it commits in the same transaction as the change that caused
    /// it (an issued decision and its notice email are stored together or not at all).
    /// </summary>
    public static Job Add(CandorDb db, TimeProvider clock, string kind, object payload,
        DateTimeOffset? runAfter = null, int maxAttempts = DefaultMaxAttempts)
    {
        var now = clock.GetUtcNow();
        var job = new Job
        {
            Kind = kind,
            PayloadJson = JsonSerializer.Serialize(payload, CandorJson.Output),
            State = JobStates.Queued,
            MaxAttempts = maxAttempts,
            RunAfter = runAfter ?? now,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Jobs.Add(job);
        return job;
    }

    /// <summary>
    /// Queues a job unless an unfinished job of the same kind and key exists; returns the id of the job that will
    /// do the work. Safe when several nodes enqueue the same key at once: the partial unique index decides.
    /// </summary>
    public static async Task<long> EnqueueAsync(CandorDb db, TimeProvider clock, string kind, object payload,
        string? dedupeKey, CancellationToken ct, DateTimeOffset? runAfter = null, int maxAttempts = DefaultMaxAttempts)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (dedupeKey is not null)
            {
                var existing = await ActiveJobIdAsync(db, kind, dedupeKey, ct);
                if (existing is { } id) return id;
            }
            var job = Add(db, clock, kind, payload, runAfter, maxAttempts);
            job.DedupeKey = dedupeKey;
            try
            {
                await db.SaveChangesAsync(ct);
                JobSignal.Poke();
                return job.Id;
            }
            catch (DbUpdateException ex) when (attempt < 3 && UniqueConflictRetry.IsUniqueViolation(ex))
            {
                db.Entry(job).State = EntityState.Detached; // another node queued the same key first
            }
        }
    }

    private static Task<long?> ActiveJobIdAsync(CandorDb db, string kind, string key, CancellationToken ct) =>
        db.Jobs.Where(j => j.Kind == kind && j.DedupeKey == key
                && (j.State == JobStates.Queued || j.State == JobStates.Running))
            .Select(j => (long?)j.Id).FirstOrDefaultAsync(ct);
}

/// <summary>Wakes this node's runner when a job is queued here, so local work does not wait for the next poll.</summary>
public static class JobSignal
{
    private static TaskCompletionSource _next = NewSource();

    public static void Poke() => Interlocked.Exchange(ref _next, NewSource()).TrySetResult();

    public static Task NextAsync() => Volatile.Read(ref _next).Task;

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
