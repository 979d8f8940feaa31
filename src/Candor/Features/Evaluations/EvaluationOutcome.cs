using Candor.Features.Policies;
using Candor.Features.Rules;

namespace Candor.Features.Evaluations;

/// <summary>What an evaluation's hits add up to. Pure.</summary>
public static class EvaluationOutcome
{
    /// <summary>
    /// The strongest effect among the hits that count: shadow hits never count, and a clause may only decide alone
    /// when it allows automation (the catalogue reader already refuses <c>decide</c> without it; this is the second lock).
    /// </summary>
    public static string Of(IEnumerable<RuleHit> hits, Func<string, bool> automationMayDecide)
    {
        var outcome = EvaluationOutcomes.Clear;
        foreach (var hit in hits)
        {
            if (hit.Shadow) continue;
            var effect = hit.OnHit switch
            {
                ClauseOutcome.Decide when automationMayDecide(hit.ClauseId) => EvaluationOutcomes.Decide,
                ClauseOutcome.Decide or ClauseOutcome.Review => EvaluationOutcomes.Review,
                _ => EvaluationOutcomes.Record,
            };
            if (Rank(effect) > Rank(outcome)) outcome = effect;
        }
        return outcome;
    }

    public static int Rank(string outcome) => outcome switch
    {
        EvaluationOutcomes.Decide => 3,
        EvaluationOutcomes.Review => 2,
        EvaluationOutcomes.Record => 1,
        _ => 0,
    };
}
