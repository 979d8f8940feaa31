using Candor.Data;
using Candor.Features.Tokens;

namespace Candor.Features.Decisions.Tdb;

/// <summary><c>POST /api/v1/statement</c>: one statement of reasons, as the EU Transparency Database takes it.</summary>
public static class StoreStatement
{
    public sealed record Outcome(Decision? Stored, TdbErrors? Errors, bool DuplicatePuid);

    public static async Task<IResult> HandleAsync(HttpContext http, CandorDb db, TimeProvider clock, CancellationToken ct)
    {
        var input = TdbInput.ObjectOf(await TdbAnswers.ReadBodyAsync(http.Request, ct));
        var platformId = http.User.PlatformId();
        var outcome = await RunAsync(db, clock, platformId, TdbAnswers.Actor(http), input, ct);
        if (outcome.Errors is { } errors) return TdbAnswers.Invalid(errors);
        if (outcome.DuplicatePuid)
            return TdbAnswers.Json(new Dictionary<string, object>
            {
                ["message"] = TdbAnswers.DuplicateSingle,
                ["errors"] = new Dictionary<string, string[]> { ["puid"] = [TdbAnswers.DuplicateSingle] },
                ["existing"] = new Dictionary<string, string> { ["puid"] = (string)input["puid"]! },
            }, StatusCodes.Status422UnprocessableEntity);
        var name = await TdbAnswers.PlatformNameAsync(db, platformId, ct);
        return TdbAnswers.Json(TdbStatementView.Of(outcome.Stored!, name, TdbAnswers.BaseUrl(http.Request), TdbStatementView.Shape.Created),
            StatusCodes.Status201Created);
    }

    public static async Task<Outcome> RunAsync(
        CandorDb db, TimeProvider clock, long platformId, string actor, Dictionary<string, object?> input, CancellationToken ct)
    {
        // Field validation comes first: an invalid statement that also reuses a puid gets its field errors.
        var validated = TdbValidation.Validate(input, TdbEndpoint.Statement);
        if (validated.Statement is null) return new Outcome(null, validated.Errors, false);
        var now = clock.GetUtcNow();
        var decision = TdbStatementRows.ToDecision(validated.Statement, platformId, Guid.CreateVersion7(now), now, DecisionMethods.Api);
        var taken = await StatementRowWrites.InsertAsync(db, [decision], actor, ct);
        return taken.Count > 0 ? new Outcome(null, null, true) : new Outcome(decision, null, false);
    }
}
