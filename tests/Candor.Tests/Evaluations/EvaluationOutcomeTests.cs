using Candor.Features.Evaluations;
using Candor.Features.Policies;
using Candor.Features.Rules;

namespace Candor.Tests.Evaluations;

public class EvaluationOutcomeTests
{
    private static RuleHit Hit(string clause, ClauseOutcome onHit, bool shadow = false) =>
        new("P", "1", clause, clause + "-R", onHit, shadow, ["x"], Explanation.Leaf("text_contains", new Dictionary<string, string>(), ["x"], true));

    [Fact]
    public void The_strongest_counting_hit_wins_and_shadow_hits_never_count()
    {
        Assert.Equal(EvaluationOutcomes.Clear, EvaluationOutcome.Of([], _ => true));
        Assert.Equal(EvaluationOutcomes.Clear, EvaluationOutcome.Of([Hit("A", ClauseOutcome.Decide, shadow: true)], _ => true));
        Assert.Equal(EvaluationOutcomes.Record, EvaluationOutcome.Of([Hit("A", ClauseOutcome.Record)], _ => true));
        Assert.Equal(EvaluationOutcomes.Review, EvaluationOutcome.Of([Hit("A", ClauseOutcome.Record), Hit("B", ClauseOutcome.Review)], _ => true));
        Assert.Equal(EvaluationOutcomes.Decide, EvaluationOutcome.Of([Hit("B", ClauseOutcome.Review), Hit("C", ClauseOutcome.Decide)], _ => true));
    }

    [Fact]
    public void A_clause_that_does_not_allow_automation_is_sent_to_review_instead_of_deciding()
    {
        Assert.Equal(EvaluationOutcomes.Review, EvaluationOutcome.Of([Hit("C", ClauseOutcome.Decide)], clause => clause != "C"));
    }
}
