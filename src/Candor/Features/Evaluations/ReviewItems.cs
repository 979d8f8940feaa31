using System.Text.Json;
using Candor.Data;
using Candor.Features.Decisions.Tdb;
using Candor.Features.Policies;
using Candor.Features.Review;
using Candor.Features.Rules;
using Microsoft.EntityFrameworkCore;

namespace Candor.Features.Evaluations;

/// <summary>
/// Keeps the review queue in step with evaluations: a clause that sends a subject to review gets one open item (created,
/// or refreshed to the latest evaluation); an open item whose clause no longer sends the subject to review is resolved.
/// The queue's UI (claiming, dismissing, deciding) lives in <c>Features/Review</c>.
/// </summary>
public static class ReviewItems
{
    public sealed record Evaluated(Evaluation Row, IReadOnlyList<RuleHit> Hits);

    /// <summary>Adds the changes to the context (the caller saves, in its transaction); one query for the batch's open items.</summary>
    public static async Task ApplyAsync(CandorDb db, long platformId, IReadOnlyList<Evaluated> evaluated,
        IReadOnlyDictionary<string, (PolicyDefinition Policy, ClauseDefinition Clause)> clauses, Func<string, bool> mayDecide,
        DateTimeOffset now, CancellationToken ct)
    {
        var keys = evaluated.Select(e => e.Row.SubjectKey).ToList();
        var open = (await db.ReviewItems.Where(r => r.PlatformId == platformId && r.State == ReviewStates.Open && EF.Parameter(keys).Contains(r.SubjectKey))
            .ToListAsync(ct)).ToLookup(r => r.SubjectKey, StringComparer.Ordinal);
        foreach (var (row, hits) in evaluated)
        {
            var toReview = hits.Where(h => !h.Shadow && SendsToReview(h, mayDecide)).GroupBy(h => h.ClauseId, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
            // A clause the rules decide alone has an open item only because its decision was refused; while it still hits,
            // the item stays open (refreshed) and the decision is tried again after this commit: resolving it here and
            // reopening it on the next refusal would make it flap on every evaluation.
            var toDecide = hits.Where(h => !h.Shadow && h.OnHit == ClauseOutcome.Decide && mayDecide(h.ClauseId))
                .GroupBy(h => h.ClauseId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
            foreach (var item in open[row.SubjectKey])
            {
                if (toReview.Remove(item.ClauseId, out var clauseHits) || toDecide.TryGetValue(item.ClauseId, out clauseHits))
                    Refresh(item, row, clauseHits, clauses, now);
                else
                {
                    item.State = ReviewStates.Resolved;
                    item.EvaluationId = row.Id;
                    item.ClosedAt = now;
                    item.UpdatedAt = now;
                    item.ClaimedByUserId = null;
                    item.ClaimedUntil = null;
                }
            }
            foreach (var (clauseId, clauseHits) in toReview)
                db.ReviewItems.Add(NewItem(row, clauseHits, clauses, now));
        }
    }

    /// <summary>An open item for a clause the rules wanted to decide alone but could not (the decision was refused).</summary>
    public static async Task OpenForAsync(CandorDb db, Evaluation row, IReadOnlyList<RuleHit> hits,
        IReadOnlyDictionary<string, (PolicyDefinition Policy, ClauseDefinition Clause)> clauses, DateTimeOffset now, CancellationToken ct)
    {
        var clauseId = hits[0].ClauseId;
        var existing = await db.ReviewItems.FirstOrDefaultAsync(r => r.PlatformId == row.PlatformId && r.SubjectKey == row.SubjectKey
            && r.ClauseId == clauseId && r.State == ReviewStates.Open, ct);
        if (existing is null) db.ReviewItems.Add(NewItem(row, hits, clauses, now));
        else Refresh(existing, row, hits, clauses, now);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The automated decision for this subject and clause was issued: the item kept open after an earlier refusal is moot.</summary>
    public static async Task ResolveForIssuedAsync(CandorDb db, Evaluation row, string clauseId, DateTimeOffset now, CancellationToken ct) =>
        await db.ReviewItems.Where(r => r.PlatformId == row.PlatformId && r.SubjectKey == row.SubjectKey && r.ClauseId == clauseId
                && r.State == ReviewStates.Open)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.State, ReviewStates.Resolved).SetProperty(r => r.EvaluationId, row.Id)
                .SetProperty(r => r.ClosedAt, now).SetProperty(r => r.UpdatedAt, now)
                .SetProperty(r => r.ClaimedByUserId, (long?)null).SetProperty(r => r.ClaimedUntil, (DateTimeOffset?)null), ct);

    public static bool SendsToReview(RuleHit hit, Func<string, bool> mayDecide) =>
        hit.OnHit == ClauseOutcome.Review || (hit.OnHit == ClauseOutcome.Decide && !mayDecide(hit.ClauseId));

    private static ReviewItem NewItem(Evaluation row, IReadOnlyList<RuleHit> hits,
        IReadOnlyDictionary<string, (PolicyDefinition Policy, ClauseDefinition Clause)> clauses, DateTimeOffset now)
    {
        var item = new ReviewItem
        {
            PlatformId = row.PlatformId, SubjectKey = row.SubjectKey, SubjectKind = row.SubjectKind, AdvertiserId = row.AdvertiserId,
            AdId = row.AdId, PolicyId = hits[0].PolicyId, PolicyVersion = hits[0].PolicyVersion, ClauseId = hits[0].ClauseId,
            RuleIdsJson = "[]", State = ReviewStates.Open, CreatedAt = now,
        };
        Refresh(item, row, hits, clauses, now);
        return item;
    }

    private static void Refresh(ReviewItem item, Evaluation row, IReadOnlyList<RuleHit> hits,
        IReadOnlyDictionary<string, (PolicyDefinition Policy, ClauseDefinition Clause)> clauses, DateTimeOffset now)
    {
        item.EvaluationId = row.Id;
        item.PolicyId = hits[0].PolicyId;
        item.PolicyVersion = hits[0].PolicyVersion;
        item.RuleIdsJson = JsonSerializer.Serialize(hits.Select(h => h.RuleId).Distinct(StringComparer.Ordinal).ToList());
        item.Priority = clauses.TryGetValue(item.ClauseId, out var c) ? Priority(c.Clause, hits) : 0;
        item.UpdatedAt = now;
    }

    /// <summary>
    /// Higher is more urgent (the queue orders by priority, then age). A clause meant to decide alone that ended in review
    /// +100 (the rules were sure enough to act; a person must now do it); illegal content +50 (a legal duty, not only
    /// our terms); an account-level restriction +20 (it stops all of the advertiser's ads); +10 per rule of the clause
    /// that fired, up to 5 (converging evidence).
    /// </summary>
    public static int Priority(ClauseDefinition clause, IReadOnlyCollection<RuleHit> hits)
    {
        var priority = 0;
        if (clause.OnHit == ClauseOutcome.Decide) priority += 100;
        if (clause.Dsa.DecisionGround == TdbEnums.GroundIllegal) priority += 50;
        if (clause.Dsa.Restrictions.Any(r => r.StartsWith("DECISION_ACCOUNT_", StringComparison.Ordinal))) priority += 20;
        priority += 10 * Math.Min(5, hits.Select(h => h.RuleId).Distinct(StringComparer.Ordinal).Count());
        return priority;
    }
}
