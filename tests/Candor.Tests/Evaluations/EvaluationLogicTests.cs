using Candor.Features.Ads;
using Candor.Features.Evaluations;
using Candor.Features.Policies;
using Candor.Features.Rules;

namespace Candor.Tests.Evaluations;

/// <summary>The pure parts: review priority, the automated decision's body and facts, the shadow report's counting.</summary>
public sealed class EvaluationLogicTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private static RuleSet Rules(out PolicyCatalogue catalogue)
    {
        var (read, errors) = CatalogueReader.Read([new CatalogueReader.SourceFile("p.yaml", EvaluationTests.Policy("LOGIC"))],
            [new CatalogueReader.SourceFile("lists/sanctions.yaml", "id: sanctions\nkind: screening\nitems: [x]\n")]);
        Assert.Empty(errors);
        catalogue = read!;
        return new RuleSet(read!);
    }

    [Fact]
    public void Priority_adds_up_the_clause_s_weight_and_the_rules_that_fired()
    {
        var rules = Rules(out var catalogue);
        var clauses = catalogue.Policies[0].Clauses;
        var casino = rules.Evaluate(new RuleInput(new AdInput("a", "b", Title: "casino"), null));

        Assert.Equal(10, ReviewItems.Priority(clauses[0], casino));
        Assert.Equal(100 + 10, ReviewItems.Priority(clauses[1], casino)); // a decide clause that ended in review
        Assert.Equal(50 + 20 + 10, ReviewItems.Priority(clauses[2], casino));
    }

    [Fact]
    public void The_automated_decision_quotes_each_piece_of_evidence_and_maps_the_clause_s_dsa_fields()
    {
        var rules = Rules(out var catalogue);
        var hits = rules.Evaluate(new RuleInput(new AdInput("ad-9", "adv-1", Title: "A miracle cure", Body: "Another Miracle Cure inside"), null));
        var hit = Assert.Single(hits);
        var policy = catalogue.Policies[0];
        var subject = new AutomatedSubject(EvaluationSubjects.Ad, 42, "adv-1", "ad-9", "A miracle cure", Now.AddDays(-3));

        var body = AutomatedDecisionBody.Build(policy, policy.Clauses[1], hits, subject, 0, Now);
        var facts = (string)body["decision_facts"]!;

        Assert.Equal("rule-ad-42-LOGIC_2-0", body["puid"]);
        Assert.Equal(["title: \"miracle cure\"", "body: \"miracle cure\""], AutomatedDecisionBody.EvidenceOf(hits).Select(e => e.Value));
        Assert.Contains("\"title: \"miracle cure\"\" [E1]", facts, StringComparison.Ordinal);
        Assert.Contains("\"body: \"miracle cure\"\" [E2]", facts, StringComparison.Ordinal);
        Assert.Contains("2026-11-02", facts, StringComparison.Ordinal);
        Assert.Contains(hit.RuleId, facts, StringComparison.Ordinal);
        Assert.Equal(new List<string> { "DECISION_VISIBILITY_CONTENT_REMOVED" }, body["decision_visibility"]);
        Assert.Equal("2026-12-02", body["end_date_visibility_restriction"]);
        Assert.Equal("2026-10-30", body["content_date"]);
        Assert.Equal(("Yes", "AUTOMATED_DECISION_FULLY"), ((string)body["automated_detection"]!, (string)body["automated_decision"]!));

        // Another ad's facts differ: they are written from its evidence, not a fixed sentence.
        var other = rules.Evaluate(new RuleInput(new AdInput("ad-10", "adv-1", Body: "miracle cure for colds"), null));
        var otherFacts = (string)AutomatedDecisionBody.Build(policy, policy.Clauses[1], other, subject with { RowId = 43, AdExternalId = "ad-10" }, 0, Now)["decision_facts"]!;
        Assert.NotEqual(facts, otherFacts);
    }

    [Fact]
    public void The_shadow_report_counts_subjects_and_the_outcomes_a_shadow_rule_would_raise()
    {
        var rules = Rules(out _);
        List<SimulatedHit> Hits(string title) => rules.Evaluate(new RuleInput(new AdInput("a", "b", Title: title), null)).Select(EvaluationHits.ToStored).ToList();
        var report = ShadowReport.Build(
        [
            ("ad", 1, "ad:1", Now, EvaluationOutcomes.Clear, Hits("lottery tonight")),
            ("ad", 2, "ad:2", Now, EvaluationOutcomes.Review, Hits("casino lottery")),
            ("ad", 3, "ad:1", Now, EvaluationOutcomes.Clear, Hits("lottery again")), // an older evaluation of ad 1
        ]);

        var rule = Assert.Single(report);
        Assert.Equal(("LOGIC.1-R2", 2, 1), (rule.RuleId, rule.SubjectsHit, rule.WouldRaise));
        Assert.Equal(1, rule.Changes["clear → review"]);
        Assert.Equal("ad:1", rule.Samples[0].SubjectId); // outcome changes first
    }
}
