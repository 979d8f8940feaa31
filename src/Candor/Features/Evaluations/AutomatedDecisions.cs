using Candor.Data;
using Candor.Features.Decisions;
using Candor.Features.Decisions.Issuing;
using Candor.Features.Policies;
using Candor.Features.Rules;
using Microsoft.EntityFrameworkCore;

namespace Candor.Features.Evaluations;

/// <summary>
/// Issues the decision a clause's rules take alone, through the same code as a person's decision (<see cref="CreateDecision"/>):
/// every TDB rule, the evidence-citation rule and the boilerplate refusal apply. Never a second decision for the same
/// subject and clause while one is in force (draft or issued); a decision the checks refuse goes to human review instead.
/// </summary>
public static class AutomatedDecisions
{
    public const string Actor = "system:rules";

    public sealed record Result(Guid? Uuid, string? Refused);

    public static async Task<Result> IssueAsync(CandorDb db, TimeProvider clock, EvaluationDependencies deps, long platformId,
        Evaluation row, AutomatedSubject subject, PolicyDefinition policy, ClauseDefinition clause, IReadOnlyList<RuleHit> hits,
        CancellationToken ct)
    {
        // The catalogue reader already refuses "decide" without automation; checked again because this acts alone.
        if (!clause.AutomationMayDecide || clause.OnHit != ClauseOutcome.Decide) return new(null, null);
        var ofSubject = Of(db, platformId, subject, clause.Id);
        if (await ofSubject.AnyAsync(d => d.Status == DecisionStatuses.Draft || d.Status == DecisionStatuses.Issued, ct)) return new(null, null);
        var previous = await ofSubject.CountAsync(d => d.DeciderKind == DeciderKinds.Rule, ct);
        var body = AutomatedDecisionBody.AsParsedInput(AutomatedDecisionBody.Build(policy, clause, hits, subject, previous, clock.GetUtcNow(),
            deps.DefaultTerritorialScope));
        var outcome = await CreateDecision.RunAsync(db, clock, deps.Boilerplate, deps.Notices, platformId, Actor, body, DecisionMethods.Api, null, ct);
        db.ChangeTracker.Clear();
        if (outcome.Decision is { } decision)
        {
            await ReviewItems.ResolveForIssuedAsync(db, row, clause.Id, clock.GetUtcNow(), ct);
            return new(decision.Uuid, null);
        }
        // Another node issued the same decision first: the repeatable puid collided.
        var refused = outcome.Errors?.ToDictionary() ?? new Dictionary<string, string[]>();
        if (refused.ContainsKey("puid")) return new(null, null);
        var clauses = new Dictionary<string, (PolicyDefinition, ClauseDefinition)>(StringComparer.Ordinal) { [clause.Id] = (policy, clause) };
        await ReviewItems.OpenForAsync(db, row, hits, clauses, clock.GetUtcNow(), ct);
        db.ChangeTracker.Clear();
        return new(null, string.Join("; ", refused.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
    }

    private static IQueryable<Decision> Of(CandorDb db, long platformId, AutomatedSubject subject, string clauseId)
    {
        var decisions = db.Decisions.AsNoTracking().Where(d => d.PlatformId == platformId && d.ClauseId == clauseId);
        return subject.Kind == EvaluationSubjects.Ad
            ? decisions.Where(d => d.AdId == subject.RowId)
            : decisions.Where(d => d.AdvertiserId == subject.RowId && d.AdId == null);
    }
}
