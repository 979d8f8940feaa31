using System.Text.Json;
using Candor.Data;
using Candor.Features.Decisions.Published;
using Candor.Features.Tokens;
using Candor.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Candor.Features.Decisions.Export;

/// <summary>
/// Export status of one decision; <c>not_queued</c> until the exporter has picked it up. <c>TdbRecord</c> says how the
/// Commission's record differs from Candor's when the decision was reversed or superseded (<see cref="TdbRecord"/>).
/// </summary>
public sealed record DecisionExportStatus(
    Guid Uuid, string State, int Attempts, string? LastError, string? Note, DateTimeOffset? QueuedAt,
    DateTimeOffset? LastAttemptAt, DateTimeOffset? SentAt, string DecisionStatus, string? TdbRecord, Guid? SupersededBy);

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

    public static Task<DecisionExportStatus?> RunAsync(CandorDb db, long platformId, Guid uuid, CancellationToken ct) =>
        StatusAsync(db, db.Decisions.AsNoTracking().Where(d => d.Uuid == uuid && d.PlatformId == platformId), ct);

    /// <summary>The same for the public page: public decisions only, and null when it was never queued (nothing to say yet).</summary>
    public static async Task<DecisionExportStatus?> PublicAsync(CandorDb db, Guid uuid, CancellationToken ct) =>
        await StatusAsync(db, db.Decisions.AsNoTracking().Visible().Where(d => d.Uuid == uuid), ct) is { State: not "not_queued" } status ? status : null;

    private static async Task<DecisionExportStatus?> StatusAsync(CandorDb db, IQueryable<Decision> decision, CancellationToken ct)
    {
        var row = await decision
            .Select(d => new { d.Id, d.Uuid, d.Status, Export = db.DecisionExports.FirstOrDefault(e => e.DecisionId == d.Id) })
            .FirstOrDefaultAsync(ct);
        if (row is null) return null;
        var change = row.Status is DecisionStatuses.Reversed or DecisionStatuses.Superseded
            ? await db.DecisionEvents.AsNoTracking()
                .Where(e => e.DecisionId == row.Id && (e.Kind == DecisionEventKinds.Reversed || e.Kind == DecisionEventKinds.Superseded))
                .OrderBy(e => e.Id).Select(e => new { e.At, e.PayloadJson }).FirstOrDefaultAsync(ct)
            : null;
        var supersededBy = change is not null && row.Status == DecisionStatuses.Superseded ? SupersededBy(change.PayloadJson) : null;
        var state = row.Export?.State ?? "not_queued";
        var note = TdbRecord.Note(row.Status, state, row.Export?.SentAt, change?.At, supersededBy);
        return row.Export is { } e
            ? new DecisionExportStatus(row.Uuid, e.State, e.Attempts, e.LastError, e.Note, e.QueuedAt, e.LastAttemptAt, e.SentAt, row.Status, note, supersededBy)
            : new DecisionExportStatus(row.Uuid, state, 0, null, null, null, null, null, row.Status, note, supersededBy);
    }

    private static Guid? SupersededBy(string payloadJson)
    {
        using var payload = JsonDocument.Parse(payloadJson);
        return payload.RootElement.ValueKind == JsonValueKind.Object && payload.RootElement.TryGetProperty("superseded_by", out var by)
               && by.ValueKind == JsonValueKind.String && Guid.TryParse(by.GetString(), out var uuid) ? uuid : null;
    }
}
