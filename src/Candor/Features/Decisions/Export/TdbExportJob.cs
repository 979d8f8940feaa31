using Candor.Data;
using Candor.Features.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Candor.Features.Decisions.Export;

/// <summary>
/// The job that exports one platform's pending decisions (kind <c>tdb.export</c>, one unfinished job per platform).
/// A failed call is retried by the job queue with its backoff; the decisions stay pending meanwhile. The lease
/// keeps two nodes from sending the same batch at once; progress is saved after every batch.
/// </summary>
public sealed class TdbExportJob(TdbExportSettings settings, IHttpClientFactory httpClients) : IJobHandler
{
    public const string HttpClientName = "tdb";

    public async Task<JobOutcome> RunAsync(JobContext context, CancellationToken ct)
    {
        var payload = context.Payload<ExportBacklog.JobPayload>();
        var db = context.Db;
        var slug = await db.Platforms.Where(p => p.Id == payload.PlatformId).Select(p => p.Slug).FirstOrDefaultAsync(ct);
        if (slug is null) return JobOutcome.Fail($"platform {payload.PlatformId} does not exist");
        if (settings.For(slug) is not { } target)
            return JobOutcome.Fail($"no TDB token is configured for platform {slug} (Candor:Tdb:Platforms:{slug}:Token and Candor:Tdb:BaseUrl)");
        await ExportBacklog.MarkPendingAsync(db, context.Clock, payload.PlatformId, settings.Since, retryFailed: false, ct);
        var total = await db.DecisionExports.CountAsync(e => e.PlatformId == payload.PlatformId && e.State == ExportStates.Pending, ct);
        var run = await TdbExporter.RunAsync(db, context.Clock, httpClients.CreateClient(HttpClientName), target, payload.PlatformId,
            settings.BatchSize, done => context.ReportProgressAsync(done, total, null, ct), ct);
        return run.RetryError is { } error ? JobOutcome.RetryLater(error, run.RetryAfter) : JobOutcome.Done;
    }
}
