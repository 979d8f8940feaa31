using System.Text.Json;
using Candor.Data;
using Candor.Features.Tokens;

namespace Candor.Features.Decisions.Tdb;

/// <summary><c>POST /api/v1/statements</c>: 1 to 100 statements, all stored or none, as the EU Transparency Database takes them.</summary>
public static class StoreStatements
{
    public const int MaxStatements = 100;

    public sealed record Outcome(IReadOnlyList<Decision> Stored, TdbErrors? TopLevel, Dictionary<string, object>? ItemErrors, IReadOnlyList<string> ExistingPuids);

    public static async Task<IResult> HandleAsync(HttpContext http, CandorDb db, TimeProvider clock, CancellationToken ct)
    {
        var body = await TdbAnswers.ReadBodyAsync(http.Request, ct);
        var platformId = http.User.PlatformId();
        var outcome = await RunAsync(db, clock, platformId, TdbAnswers.Actor(http), body, ct);
        if (outcome.TopLevel is { } topLevel) return TdbAnswers.Invalid(topLevel);
        // Per-statement errors come without a "message", exactly as the TDB sends them.
        if (outcome.ItemErrors is { } items)
            return TdbAnswers.Json(new Dictionary<string, object> { ["errors"] = items }, StatusCodes.Status422UnprocessableEntity);
        if (outcome.ExistingPuids.Count > 0)
            return TdbAnswers.Json(new Dictionary<string, object>
            {
                ["message"] = TdbAnswers.DuplicateBatch,
                ["errors"] = new Dictionary<string, object> { ["puid"] = new[] { TdbAnswers.DuplicateBatch }, ["existing_puids"] = outcome.ExistingPuids },
            }, StatusCodes.Status422UnprocessableEntity);
        var name = await TdbAnswers.PlatformNameAsync(db, platformId, ct);
        var baseUrl = TdbAnswers.BaseUrl(http.Request);
        return TdbAnswers.Json(
            new Dictionary<string, object> { ["statements"] = outcome.Stored.Select(d => TdbStatementView.Of(d, name, baseUrl, TdbStatementView.Shape.BatchItem)).ToList() },
            StatusCodes.Status201Created);
    }

    public static async Task<Outcome> RunAsync(CandorDb db, TimeProvider clock, long platformId, string actor, JsonElement body, CancellationToken ct)
    {
        var request = TdbInput.ObjectOf(body);
        var topLevel = new TdbErrors();
        var statements = request.GetValueOrDefault("statements");
        if (statements is not List<object?> { Count: > 0 and <= MaxStatements } items)
        {
            if (!TdbFieldCheck.Filled(statements)) topLevel.Add("statements", "The statements field is required.");
            if (statements is not null and not List<object?>) topLevel.Add("statements", "The statements field must be an array.");
            if (statements is List<object?>) topLevel.Add("statements", $"The statements field must have between 1 and {MaxStatements} items.");
            return new Outcome([], topLevel, null, []);
        }

        var valid = new TdbStatement[items.Count];
        Dictionary<string, object>? itemErrors = null;
        for (var i = 0; i < items.Count; i++)
        {
            var result = TdbValidation.Validate(items[i] as Dictionary<string, object?> ?? TdbInput.Empty(), TdbEndpoint.Statements);
            if (result.Statement is { } statement) valid[i] = statement;
            else (itemErrors ??= new(StringComparer.Ordinal))[$"statement_{i}"] = result.Errors.ToDictionary();
        }
        if (itemErrors is not null) return new Outcome([], null, itemErrors, []);

        var repeated = valid.GroupBy(s => s.Puid, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (repeated.Count > 0) return new Outcome([], null, null, repeated);

        var now = clock.GetUtcNow();
        var decisions = valid.Select(s => TdbStatementRows.ToDecision(s, platformId, Guid.CreateVersion7(now), now, DecisionMethods.ApiMulti)).ToList();
        var taken = await StatementRowWrites.InsertAsync(db, decisions, actor, ct);
        return taken.Count > 0 ? new Outcome([], null, null, taken) : new Outcome(decisions, null, null, []);
    }
}
