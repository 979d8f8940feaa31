using Candor.Data;
using Candor.Features.Jobs;
using Candor.Features.Policies;
using Microsoft.EntityFrameworkCore;

namespace Candor.Features.Evaluations;

/// <summary>
/// Re-evaluates every advertiser and ad of the affected platforms when new policy versions take effect. Call
/// <see cref="QueueAsync"/> after <see cref="ImportPolicies.RunAsync"/> (the CLI does; so must the console upload).
/// </summary>
public static class Reevaluation
{
    /// <summary>PlatformId null: the installation's catalogue changed, which every platform uses.</summary>
    public sealed record Payload(long? PlatformId, long ImportId, DateTimeOffset EffectiveFrom);

    /// <summary>Where a run got to: platforms in id order, each one's advertisers then its ads, in id order.</summary>
    public sealed record Checkpoint(long PlatformId, string Kind, long AfterId);

    /// <summary>
    /// One job per distinct effective date among the import's new versions (a lists-only change: one job now), to run
    /// when that date arrives. Deduplicated per import and date, so calling this twice queues nothing more.
    /// Returns the ids of the jobs that will do the work.
    /// </summary>
    public static async Task<IReadOnlyList<long>> QueueAsync(CandorDb db, TimeProvider clock, PolicyImportResult result, long? platformId,
        RulesCache? cache, CancellationToken ct)
    {
        cache?.Invalidate();
        if (result.ImportId is not { } importId) return [];
        var now = clock.GetUtcNow();
        var dates = await db.PolicyVersions.AsNoTracking().Where(v => v.ImportId == importId).Select(v => v.EffectiveFrom).ToListAsync(ct);
        if (dates.Count == 0) dates.Add(now);
        var jobs = new List<long>();
        foreach (var date in dates.Distinct().Order())
        {
            var runAfter = date > now ? date : now;
            var key = $"{platformId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "all"}:{importId}:{date.UtcTicks}";
            jobs.Add(await BackgroundJobs.EnqueueAsync(db, clock, EvaluationJobs.ReevaluateKind, new Payload(platformId, importId, date), key, ct,
                runAfter: runAfter));
        }
        return jobs;
    }
}

/// <summary>
/// The re-evaluation run. Saves a checkpoint after each batch, so a run taken over by another node after a crash goes on
/// from there (the job lease guarantees one runner at a time); evaluating a batch twice only adds a second evaluation row.
/// </summary>
public sealed class ReevaluateJob(EvaluationDependencies deps) : IJobHandler
{
    public async Task<JobOutcome> RunAsync(JobContext context, CancellationToken ct)
    {
        var payload = context.Payload<Reevaluation.Payload>();
        var db = context.Db;
        var platforms = payload.PlatformId is { } only
            ? [only]
            : await db.Platforms.AsNoTracking().OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(ct);
        var at = context.CheckpointAs<Reevaluation.Checkpoint>();
        var total = context.ProgressTotal ?? await CountAsync(db, platforms, ct);
        var done = context.ProgressDone;
        foreach (var platformId in platforms)
        {
            if (at is not null && platformId < at.PlatformId) continue;
            var fresh = true; // the version that triggered this run must be in force for its first batch, whatever the cache says
            foreach (var kind in new[] { EvaluationSubjects.Advertiser, EvaluationSubjects.Ad })
            {
                if (at is not null && platformId == at.PlatformId && kind == EvaluationSubjects.Advertiser && at.Kind == EvaluationSubjects.Ad) continue;
                var after = at is not null && platformId == at.PlatformId && kind == at.Kind ? at.AfterId : 0;
                while (true)
                {
                    var from = after;
                    var batch = kind == EvaluationSubjects.Ad
                        ? await db.Ads.AsNoTracking().Where(a => a.PlatformId == platformId && a.Id > from).OrderBy(a => a.Id).Select(a => a.Id)
                            .Take(EvaluateSubjects.BatchSize).ToListAsync(ct)
                        : await db.Advertisers.AsNoTracking().Where(a => a.PlatformId == platformId && a.Id > from).OrderBy(a => a.Id).Select(a => a.Id)
                            .Take(EvaluateSubjects.BatchSize).ToListAsync(ct);
                    if (batch.Count == 0) break;
                    await EvaluateSubjects.RunAsync(db, context.Clock, deps, platformId, kind, batch, EvaluationTriggers.Reevaluation, ct, fresh);
                    fresh = false;
                    after = batch[^1];
                    done += batch.Count;
                    await context.ReportProgressAsync(done, total, new Reevaluation.Checkpoint(platformId, kind, after), ct);
                }
            }
        }
        return JobOutcome.Done;
    }

    private static async Task<long> CountAsync(CandorDb db, List<long> platforms, CancellationToken ct) =>
        await db.Advertisers.LongCountAsync(a => platforms.Contains(a.PlatformId), ct) + await db.Ads.LongCountAsync(a => platforms.Contains(a.PlatformId), ct);
}
