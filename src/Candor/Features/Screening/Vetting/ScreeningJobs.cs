using Candor.Data;
using Candor.Features.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Candor.Features.Screening.Vetting;

/// <summary>Queues screening work in the caller's unit of work, so a stored change and its screening commit together.</summary>
public static class ScreeningJobs
{
    public const string ScreenAdvertisersKind = "screening.advertisers";
    public const string RescreenAllKind = "screening.rescreen";

    public sealed record AdvertisersPayload(long PlatformId, IReadOnlyList<string>? ExternalIds, IReadOnlyList<long>? AdvertiserIds);

    public sealed record RescreenPayload(string Reason);

    /// <summary>Rescreen progress: advertisers with an id above <see cref="AfterId"/> are still to do.</summary>
    public sealed record RescreenCheckpoint(long AfterId);

    public static void AddScreenAdvertisers(CandorDb db, TimeProvider clock, long platformId, IReadOnlyList<string> externalIds) =>
        BackgroundJobs.Add(db, clock, ScreenAdvertisersKind, new AdvertisersPayload(platformId, externalIds, null));

    public static void AddRescreenAll(CandorDb db, TimeProvider clock, string reason) =>
        BackgroundJobs.Add(db, clock, RescreenAllKind, new RescreenPayload(reason));

    public static IServiceCollection AddScreeningJobs(this IServiceCollection services)
    {
        services.AddSingleton<ScreeningIndexHolder>();
        services.AddJobHandler<ScreenAdvertisersJob>(ScreenAdvertisersKind);
        services.AddJobHandler<RescreenAllJob>(RescreenAllKind);
        return services;
    }
}

/// <summary>Screens the advertisers a platform just created or changed (or whose ads name new payers).</summary>
public sealed class ScreenAdvertisersJob(ScreeningIndexHolder holder) : IJobHandler
{
    public async Task<JobOutcome> RunAsync(JobContext context, CancellationToken ct)
    {
        var payload = context.Payload<ScreeningJobs.AdvertisersPayload>();
        var db = context.Db;
        var ids = payload.AdvertiserIds?.ToList() ?? [];
        if (payload.ExternalIds is { Count: > 0 } external)
            ids.AddRange(await db.Advertisers.AsNoTracking()
                .Where(a => a.PlatformId == payload.PlatformId && EF.Parameter(external.ToList()).Contains(a.ExternalId))
                .Select(a => a.Id).ToListAsync(ct));
        // Refresh is one cheap query when nothing changed, and makes a node that missed a poll use the newest lists.
        var index = await holder.RefreshAsync(ct);
        // Evaluation may have run before these findings existed: screening queues it again for the advertisers whose
        // findings changed, in the transaction that stores them.
        await AdvertiserScreening.ScreenAsync(db, context.Clock, index, ids, ct);
        return JobOutcome.Done;
    }
}

/// <summary>
/// Rescreens every advertiser after a list snapshot is imported, in id order, saving a checkpoint after each batch so
/// a run taken over by another node (or retried after a crash) goes on from there. Screening a batch twice is harmless:
/// findings are keyed by advertiser, name and entry. Each batch queues, with its finding changes, the evaluation of
/// exactly the advertisers whose findings changed (not the whole catalogue).
/// </summary>
public sealed class RescreenAllJob(ScreeningIndexHolder holder) : IJobHandler
{
    public const int BatchSize = 500;

    public async Task<JobOutcome> RunAsync(JobContext context, CancellationToken ct)
    {
        var db = context.Db;
        // A newer rescreen queued behind this one will use an index at least as new: this one has nothing to add.
        if (await db.Jobs.AnyAsync(j => j.Kind == ScreeningJobs.RescreenAllKind && j.Id > context.JobId && j.State == JobStates.Queued, ct))
            return JobOutcome.Done;
        var index = await holder.RefreshAsync(ct);
        var after = context.CheckpointAs<ScreeningJobs.RescreenCheckpoint>()?.AfterId ?? 0;
        var total = await db.Advertisers.LongCountAsync(ct);
        var done = context.ProgressDone;
        while (true)
        {
            var from = after;
            var batch = await db.Advertisers.AsNoTracking().Where(a => a.Id > from).OrderBy(a => a.Id).Select(a => a.Id).Take(BatchSize).ToListAsync(ct);
            if (batch.Count == 0) break;
            await AdvertiserScreening.ScreenAsync(db, context.Clock, index, batch, ct);
            after = batch[^1];
            done += batch.Count;
            await context.ReportProgressAsync(Math.Min(done, total), total, new ScreeningJobs.RescreenCheckpoint(after), ct);
        }
        return JobOutcome.Done;
    }
}
