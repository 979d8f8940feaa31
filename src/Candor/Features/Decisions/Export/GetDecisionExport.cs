using Candor.Data;
using Candor.Features.Tokens;
using Candor.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Candor.Features.Decisions.Export;

/// <summary>Export status of one decision; <c>not_queued</c> until the exporter has picked it up.</summary>
public sealed record DecisionExportStatus(
    Guid Uuid, string State, int Attempts, string? LastError, string? Note, DateTimeOffset? QueuedAt,
    DateTimeOffset? LastAttemptAt, DateTimeOffset? SentAt);

/// <summary>GET /api/v1/decisions/{uuid}/export: where one of the caller's decisions stands in the export to the EU TDB.</summary>
public static class GetDecisionExport
{
    public static IEndpointRouteBuilder MapDecisionExportEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/decisions/{uuid:guid}/export", HandleAsync)
            .RequireAuthorization(ApiTokenAuthentication.DecisionsReadPolicy)
            .RequireRateLimiting(RateLimits.Ingest)
            .WithTags("Decisions")
            .WithName("GetDecisionExport")
            .WithSummary("Export status of one of this platform's decisions to the EU Transparency Database: not_queued, pending, sent or failed, with attempts and the last error")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<Results<Ok<DecisionExportStatus>, ProblemHttpResult>> HandleAsync(
        Guid uuid, HttpContext http, CandorDb db, CancellationToken ct)
    {
        var status = await RunAsync(db, http.User.PlatformId(), uuid, ct);
        return status is null ? Problems.NotFound($"This platform has no decision {uuid}.") : TypedResults.Ok(status);
    }

    public static async Task<DecisionExportStatus?> RunAsync(CandorDb db, long platformId, Guid uuid, CancellationToken ct)
    {
        var row = await db.Decisions.AsNoTracking().Where(d => d.Uuid == uuid && d.PlatformId == platformId)
            .Select(d => new { d.Uuid, Export = db.DecisionExports.FirstOrDefault(e => e.DecisionId == d.Id) })
            .FirstOrDefaultAsync(ct);
        if (row is null) return null;
        return row.Export is { } e
            ? new DecisionExportStatus(row.Uuid, e.State, e.Attempts, e.LastError, e.Note, e.QueuedAt, e.LastAttemptAt, e.SentAt)
            : new DecisionExportStatus(row.Uuid, "not_queued", 0, null, null, null, null, null);
    }
}
