using Candor.Data;
using Candor.Features.Ads;
using Candor.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Candor.Features.Evaluations;

/// <summary>One hit as the ingestion answer shows it (the tree is in <c>GET …/evaluations</c>).</summary>
public sealed record EvaluatedHit(string ClauseId, string RuleId, string PolicyId, string PolicyVersion, string OnHit, bool Shadow,
    IReadOnlyList<string> Evidence);

/// <summary>The evaluation of one created or updated record of an ingestion call, by its index in the call.</summary>
public sealed record EvaluatedRecord(int Index, string Id, long EvaluationId, string Outcome, IReadOnlyList<EvaluatedHit> Hits,
    IReadOnlyList<Guid> DecisionUuids);

/// <summary>
/// <c>?evaluate=sync</c> on the ingestion endpoints: the rows are evaluated before the answer, which then carries each
/// one's outcome and hits. The job queued with the rows stays the safety net: it is marked done only after this
/// evaluation is stored, so a crash in between leaves it to a runner.
/// </summary>
public static class SyncEvaluation
{
    public const string Sync = "sync";

    public static ProblemHttpResult? Problem(string? evaluate) =>
        evaluate is null or Sync ? null : Problems.BadRequest("Unknown evaluation mode", "evaluate may only be 'sync' (leave it out to evaluate in the background).");

    public static async Task<IReadOnlyList<EvaluatedRecord>> RunAsync(CandorDb db, TimeProvider clock, EvaluationDependencies deps,
        long platformId, BatchResult result, CancellationToken ct)
    {
        if (result.Evaluation is not { } queued) return [];
        var evaluations = await EvaluateSubjects.RunAsync(db, clock, deps, platformId, queued.Kind, queued.Ids, EvaluationTriggers.Ingest, ct);
        await EvaluationJobs.MarkSubjectsDoneAsync(db, clock, queued, ct);
        var indexes = result.Outcomes.ToDictionary(o => o.Id, o => o.Index, StringComparer.Ordinal);
        return evaluations.Where(e => indexes.ContainsKey(e.ExternalId))
            .Select(e => new EvaluatedRecord(indexes[e.ExternalId], e.ExternalId, e.EvaluationId, e.Outcome,
                e.Hits.Select(h => new EvaluatedHit(h.ClauseId, h.RuleId, h.PolicyId, h.PolicyVersion, EvaluationHits.ToStored(h).OnHit,
                    h.Shadow, h.Evidence)).ToList(), e.DecisionUuids))
            .OrderBy(e => e.Index).ToList();
    }
}
