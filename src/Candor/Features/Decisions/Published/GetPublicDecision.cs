using Candor.Data;
using Candor.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Candor.Features.Decisions.Published;

/// <summary>GET /api/v1/public/decisions/{uuid}: one public decision with its history.</summary>
public static class GetPublicDecision
{
    public static async Task<Results<Ok<PublicDecision>, ProblemHttpResult>> HandleAsync(Guid uuid, CandorDb db, CancellationToken ct)
    {
        var decision = await RunAsync(db, uuid, ct);
        return decision is null ? Problems.NotFound($"There is no public decision {uuid}.") : TypedResults.Ok(decision);
    }

    /// <summary>Null for unknown uuids and for drafts alike, so the answer does not reveal that a draft exists.</summary>
    public static async Task<PublicDecision?> RunAsync(CandorDb db, Guid uuid, CancellationToken ct) =>
        (await PublicDecisions.LoadAsync(db, db.Decisions.AsNoTracking().Visible().Where(d => d.Uuid == uuid), ct)).FirstOrDefault()?.Public;
}
