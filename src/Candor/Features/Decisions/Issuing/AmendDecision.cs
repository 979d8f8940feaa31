using Candor.Data;
using Candor.Features.Decisions.Tdb;
using Candor.Features.Notices;
using Candor.Features.Tokens;
using Candor.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Candor.Features.Decisions.Issuing;

/// <summary>
/// <c>POST /api/v1/decisions/{uuid}/amend</c>: the body is a whole new decision (same shape as creating one) that replaces
/// the old one. The old one stays as it was, marked superseded; both get an event pointing at the other.
/// </summary>
public static class AmendDecision
{
    public static async Task<Results<Created<DecisionView>, ProblemHttpResult>> HandleAsync(
        Guid uuid, HttpContext http, CandorDb db, TimeProvider clock, BoilerplateOptions boilerplate, NoticeOptions notices, CancellationToken ct)
    {
        var platformId = http.User.PlatformId();
        var old = await db.Decisions.AsNoTracking().FirstOrDefaultAsync(d => d.Uuid == uuid && d.PlatformId == platformId, ct);
        if (old is null) return Problems.NotFound($"This platform has no decision {uuid}.");
        if (old.Status != DecisionStatuses.Issued) return DecisionProblems.NotIssued(old.Status);
        var input = await CreateDecision.ReadObjectAsync(http, ct);
        if (input is null) return Problems.BadRequest("Malformed JSON", "The body must be one JSON object: the amended decision.");
        var outcome = await CreateDecision.RunAsync(db, clock, boilerplate, notices, platformId, TdbAnswers.Actor(http), input, DecisionMethods.Api, old, ct);
        if (outcome.Conflict) return DecisionProblems.NotIssued("no longer in force (amended or reversed meanwhile)");
        return await CreateDecision.AnswerAsync(http, db, clock, outcome, ct);
    }
}
