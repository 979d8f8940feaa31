using Candor.Data;
using Candor.Features.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Candor.Features.Evaluations;

/// <summary>The evaluation work on the durable job queue: ingested subjects, and full re-evaluations when policies change.</summary>
public static class EvaluationJobs
{
    public const string SubjectsKind = "evaluations.subjects";
    public const string ReevaluateKind = "evaluations.reevaluate";

    /// <summary>
    /// Subjects to evaluate: row ids of one kind; <see cref="AdsOf"/> names advertisers whose ads are evaluated too (an
    /// advertiser's change can change what its ads' rules read, e.g. its country).
    /// </summary>
    public sealed record SubjectsPayload(long PlatformId, string Kind, IReadOnlyList<long> Ids, IReadOnlyList<long>? AdsOf = null);

    public sealed record SubjectsCheckpoint(bool SubjectsDone, long AfterAdId);

    public static IServiceCollection AddEvaluations(this IServiceCollection services)
    {
        services.AddSingleton<RulesCache>();
        services.AddSingleton(sp => new EvaluationDependencies(sp.GetRequiredService<RulesCache>(),
            sp.GetRequiredService<Decisions.Issuing.BoilerplateOptions>(), sp.GetRequiredService<Notices.NoticeOptions>())
        {
            DefaultTerritorialScope = DefaultTerritorialScopeOf(sp.GetService<IConfiguration>()),
        });
        services.AddSingleton(sp => new EvaluationPruning.Settings(
            sp.GetService<IConfiguration>()?.GetValue("Candor:Evaluations:RetainDays", EvaluationPruning.DefaultRetainDays) ?? EvaluationPruning.DefaultRetainDays));
        services.AddJobHandler<EvaluateSubjectsJob>(SubjectsKind);
        services.AddJobHandler<ReevaluateJob>(ReevaluateKind);
        services.AddJobHandler<PruneEvaluationsJob>(EvaluationPruning.Kind);
        return services;
    }

    /// <summary><c>Candor:Decisions:DefaultTerritorialScope</c>: a list (<c>…:0</c>, <c>…:1</c>) or one comma-separated value.</summary>
    public static IReadOnlyList<string> DefaultTerritorialScopeOf(IConfiguration? configuration)
    {
        var section = configuration?.GetSection("Candor:Decisions:DefaultTerritorialScope");
        if (section is null) return [];
        var codes = section.GetChildren().Select(c => c.Value ?? "").ToList();
        if (codes.Count == 0 && section.Value is { } text) codes = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        return codes.Count == 0 ? [] : AutomatedDecisionBody.ValidScope(codes);
    }

    /// <summary>Adds the job to the context without saving: it commits with the upsert that changed the rows.</summary>
    public static Job AddSubjects(CandorDb db, TimeProvider clock, long platformId, string kind, IReadOnlyList<long> ids, IReadOnlyList<long>? adsOf = null) =>
        BackgroundJobs.Add(db, clock, SubjectsKind, new SubjectsPayload(platformId, kind, ids, adsOf is { Count: > 0 } ? adsOf : null));

    /// <summary>
    /// Queues the evaluation of ads just written, inside their transaction (<see cref="Ads.AdRowWrites"/> calls this
    /// before committing, when every row has its id).
    /// </summary>
    public static async Task<QueuedEvaluation> AddForAdsAsync(CandorDb db, TimeProvider clock, long platformId,
        IReadOnlyList<Ads.Ad> created, IReadOnlyList<Ads.Ad> updated, CancellationToken ct)
    {
        var ids = updated.Concat(created).Select(a => a.Id).ToList();
        if (ids.Contains(0)) throw new InvalidOperationException("Every ad must be written (and have its id) before its evaluation is queued.");
        var job = AddSubjects(db, clock, platformId, EvaluationSubjects.Ad, ids);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return new QueuedEvaluation(job, EvaluationSubjects.Ad, ids, HasAdsToFollow: false);
    }

    /// <summary>
    /// Queues the evaluation of advertisers just saved (the caller saves again, in its transaction). An updated advertiser's
    /// ads are evaluated again too: their rules may read its country or verification status. A new one has no ads yet.
    /// </summary>
    public static QueuedEvaluation AddForAdvertisers(CandorDb db, TimeProvider clock, long platformId, IReadOnlyList<long> created, IReadOnlyList<long> updated)
    {
        var ids = created.Concat(updated).ToList();
        var job = AddSubjects(db, clock, platformId, EvaluationSubjects.Advertiser, ids, updated);
        return new QueuedEvaluation(job, EvaluationSubjects.Advertiser, ids, HasAdsToFollow: updated.Count > 0);
    }

    /// <summary>Advertiser ids per evaluation job: a job's payload stays small and one job's work stays bounded.</summary>
    public const int AdvertisersPerJob = 1000;

    /// <summary>
    /// The findings of these advertisers changed (opened, reopened, rescored, cleared, confirmed, delisted): evaluate them
    /// and their ads again, since the screening predicate reads the findings. Adds the jobs to the context without saving,
    /// so they commit with the finding change; one job per platform and batch of <see cref="AdvertisersPerJob"/>.
    /// </summary>
    public static int AddAfterFindingChanges(CandorDb db, TimeProvider clock, IEnumerable<(long PlatformId, long AdvertiserId)> advertisers)
    {
        var jobs = 0;
        foreach (var platform in advertisers.Distinct().GroupBy(a => a.PlatformId).OrderBy(g => g.Key))
            foreach (var batch in platform.Select(a => a.AdvertiserId).Order().Chunk(AdvertisersPerJob))
            {
                AddSubjects(db, clock, platform.Key, EvaluationSubjects.Advertiser, batch, batch);
                jobs++;
            }
        return jobs;
    }

    /// <summary>
    /// After an ingestion call evaluated its rows itself (<c>?evaluate=sync</c>): its queued job has nothing left to do but
    /// the ads of updated advertisers. Compare-and-set on the queued state, so a runner that already claimed the job simply
    /// evaluates again (harmless: the same outcome, no second decision).
    /// </summary>
    public static async Task MarkSubjectsDoneAsync(CandorDb db, TimeProvider clock, QueuedEvaluation queued, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var jobs = db.Jobs.Where(j => j.Id == queued.JobId && j.State == JobStates.Queued);
        if (queued.HasAdsToFollow)
        {
            var checkpoint = System.Text.Json.JsonSerializer.Serialize(new SubjectsCheckpoint(true, 0), Infrastructure.CandorJson.Output);
            await jobs.ExecuteUpdateAsync(s => s.SetProperty(j => j.CheckpointJson, checkpoint).SetProperty(j => j.UpdatedAt, now), ct);
            return;
        }
        await jobs.ExecuteUpdateAsync(s => s.SetProperty(j => j.State, JobStates.Succeeded).SetProperty(j => j.FinishedAt, now)
            .SetProperty(j => j.UpdatedAt, now), ct);
    }
}

/// <summary>The evaluation job an ingestion call queued with its rows (the job's id is known once saved).</summary>
public sealed record QueuedEvaluation(Job Job, string Kind, IReadOnlyList<long> Ids, bool HasAdsToFollow)
{
    public long JobId => Job.Id;
}

/// <summary>Evaluates the rows an ingestion call created or changed.</summary>
public sealed class EvaluateSubjectsJob(EvaluationDependencies deps) : IJobHandler
{
    public async Task<JobOutcome> RunAsync(JobContext context, CancellationToken ct)
    {
        var payload = context.Payload<EvaluationJobs.SubjectsPayload>();
        var db = context.Db;
        var checkpoint = context.CheckpointAs<EvaluationJobs.SubjectsCheckpoint>() ?? new(false, 0);
        if (!checkpoint.SubjectsDone)
        {
            await EvaluateSubjects.RunAsync(db, context.Clock, deps, payload.PlatformId, payload.Kind, payload.Ids, EvaluationTriggers.Ingest, ct);
            checkpoint = checkpoint with { SubjectsDone = true };
            await context.ReportProgressAsync(payload.Ids.Count, null, checkpoint, ct);
        }
        if (payload.AdsOf is not { Count: > 0 } advertisers) return JobOutcome.Done;
        var owners = advertisers.ToList();
        var done = context.ProgressDone;
        while (true)
        {
            var after = checkpoint.AfterAdId;
            var batch = await db.Ads.AsNoTracking()
                .Where(a => a.PlatformId == payload.PlatformId && EF.Parameter(owners).Contains(a.AdvertiserId) && a.Id > after)
                .OrderBy(a => a.Id).Select(a => a.Id).Take(EvaluateSubjects.BatchSize).ToListAsync(ct);
            if (batch.Count == 0) return JobOutcome.Done;
            await EvaluateSubjects.RunAsync(db, context.Clock, deps, payload.PlatformId, EvaluationSubjects.Ad, batch, EvaluationTriggers.Ingest, ct);
            done += batch.Count;
            checkpoint = checkpoint with { AfterAdId = batch[^1] };
            await context.ReportProgressAsync(done, null, checkpoint, ct);
        }
    }
}
