using System.Text.Json;
using Candor.Data;
using Candor.Features.Rules;
using Candor.Features.Tokens;
using Candor.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Candor.Features.Evaluations;

public sealed record PolicyVersionRef(string Id, string Version);

/// <summary>One stored hit; the tree is the <see cref="Explanation"/> as stored (predicate, inputs, values, result, children).</summary>
public sealed record EvaluationHitView(string ClauseId, string RuleId, string PolicyId, string PolicyVersion, string OnHit, bool Shadow,
    IReadOnlyList<string> Evidence, JsonElement Tree);

/// <summary>One stored evaluation with its explanation trees.</summary>
public sealed record EvaluationView(long Id, DateTimeOffset EvaluatedAt, string Trigger, string Outcome, string RuleSetHash,
    IReadOnlyList<PolicyVersionRef> PolicyVersions, IReadOnlyList<EvaluationHitView> Hits);

public sealed record SubjectEvaluationsView(string SubjectKind, string Id, IReadOnlyList<EvaluationView> Evaluations);

/// <summary>
/// <c>GET /api/v1/ads/{id}/evaluations</c> and <c>GET /api/v1/advertisers/{id}/evaluations</c>: a subject's stored
/// evaluations, latest first, by the platform's own id. Another platform's subject is simply not found.
/// </summary>
public static class ReadEvaluations
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    public static Task<Results<ContentHttpResult, ProblemHttpResult>> ForAdAsync(string id, HttpContext http, CandorDb db,
        CancellationToken ct, int? limit = null) =>
        AnswerAsync(db, http.User.PlatformId(), EvaluationSubjects.Ad, id, limit, ct);

    public static Task<Results<ContentHttpResult, ProblemHttpResult>> ForAdvertiserAsync(string id, HttpContext http, CandorDb db,
        CancellationToken ct, int? limit = null) =>
        AnswerAsync(db, http.User.PlatformId(), EvaluationSubjects.Advertiser, id, limit, ct);

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> AnswerAsync(CandorDb db, long platformId, string kind,
        string id, int? limit, CancellationToken ct)
    {
        if (limit is < 1 or > MaxLimit) return Problems.BadRequest("Invalid limit", $"limit is between 1 and {MaxLimit}.");
        var view = await RunAsync(db, platformId, kind, id, limit ?? DefaultLimit, ct);
        return view is null
            ? Problems.NotFound($"This platform has no {kind} with id '{Ads.Fields.Shorten(id)}'.")
            // Serialised here: trees can be deeper than the API's default JSON options allow.
            : TypedResults.Text(JsonSerializer.Serialize(view, EvaluationHits.Options), "application/json");
    }

    public static async Task<SubjectEvaluationsView?> RunAsync(CandorDb db, long platformId, string kind, string externalId, int limit, CancellationToken ct)
    {
        long? rowId = kind == EvaluationSubjects.Ad
            ? await db.Ads.AsNoTracking().Where(a => a.PlatformId == platformId && a.ExternalId == externalId).Select(a => (long?)a.Id).FirstOrDefaultAsync(ct)
            : await db.Advertisers.AsNoTracking().Where(a => a.PlatformId == platformId && a.ExternalId == externalId).Select(a => (long?)a.Id).FirstOrDefaultAsync(ct);
        if (rowId is not { } subjectId) return null;
        var key = EvaluateSubjects.KeyOf(kind, subjectId);
        var rows = await db.Evaluations.AsNoTracking().Where(e => e.PlatformId == platformId && e.SubjectKey == key)
            .OrderByDescending(e => e.Id).Take(limit).ToListAsync(ct);
        return new SubjectEvaluationsView(kind, externalId, rows.Select(ToView).ToList());
    }

    public static EvaluationView ToView(Evaluation e) => new(e.Id, e.EvaluatedAt, e.Trigger, e.Outcome, e.RuleSetHash,
        JsonSerializer.Deserialize<List<PolicyVersionRef>>(e.PolicyVersionsJson, CandorJson.Output) ?? [],
        EvaluationHits.Read(e.HitsJson).Select(h => new EvaluationHitView(h.ClauseId, h.RuleId, h.PolicyId, h.PolicyVersion, h.OnHit, h.Shadow,
            h.Evidence, JsonSerializer.SerializeToElement(h.Tree, EvaluationHits.Options))).ToList());
}
