using Candor.Features.Ads;
using Candor.Features.Evaluations;
using Candor.Features.Rules;
using Candor.Features.Screening.Vetting;
using ScreeningFinding = Candor.Features.Screening.Vetting.ScreeningFinding;
using Microsoft.Extensions.Configuration;

namespace Candor.Tests.Evaluations;

/// <summary>The pure parts of this change: whose findings changed, a finding item's priority and key, the territorial scope.</summary>
public sealed class FindingChangeLogicTests
{
    private static ScreeningFinding Finding(long advertiserId, string state, double score = 0.9, long platformId = 1) => new()
    {
        PlatformId = platformId, AdvertiserId = advertiserId, Subject = "n", SubjectRole = SubjectRoles.LegalName, ListSlug = "l",
        EntryKey = "e" + advertiserId, SourceId = "s", EntryName = "n", MatchedName = "n", Score = score, ExplanationJson = "{}", State = state,
    };

    [Fact]
    public void Only_findings_that_start_or_stop_counting_or_are_rescored_while_counting_change_an_advertiser()
    {
        var opened = Finding(1, FindingStates.Open);
        var delisted = Finding(2, FindingStates.Delisted);
        var confirmed = Finding(3, FindingStates.Confirmed);
        var rescored = Finding(4, FindingStates.Open, 0.95);
        var stillCleared = Finding(5, FindingStates.Cleared, 0.97);
        var untouched = Finding(6, FindingStates.Open);
        var before = new Dictionary<ScreeningFinding, (string, double)>
        {
            [opened] = (FindingStates.Delisted, 0.9), // matched again
            [delisted] = (FindingStates.Open, 0.9), // left the list
            [confirmed] = (FindingStates.Open, 0.9), // open → confirmed: both count, nothing to evaluate
            [rescored] = (FindingStates.Open, 0.85),
            [stillCleared] = (FindingStates.Cleared, 0.9), // a cleared finding's score does not count
            [untouched] = (FindingStates.Open, 0.9),
        };
        var added = new[] { Finding(7, FindingStates.Open, platformId: 2) };

        Assert.Equal([(1L, 1L), (1L, 2L), (1L, 4L), (2L, 7L)], FindingChanges.ChangedAdvertisers(before, added));
    }

    [Fact]
    public void A_finding_item_is_keyed_by_the_finding_and_better_matches_come_first()
    {
        Assert.Equal("finding:42", FindingReviewItems.KeyOf(42));
        Assert.Equal(42, FindingReviewItems.FindingIdOf("finding:42"));
        Assert.Null(FindingReviewItems.FindingIdOf("advertiser:42"));
        Assert.Equal(59, FindingReviewItems.PriorityOf(0.93));
        Assert.Equal(60, FindingReviewItems.PriorityOf(1.0));
        Assert.True(FindingReviewItems.PriorityOf(0.99) > FindingReviewItems.PriorityOf(0.8));
    }

    [Fact]
    public void The_territorial_scope_is_the_configured_default_else_the_whole_EEA()
    {
        Assert.Equal(30, AutomatedDecisionBody.Eea.Count);
        Assert.Equal(AutomatedDecisionBody.Eea, AutomatedDecisionBody.TerritorialScope(null));
        Assert.Equal(["AT", "DE"], AutomatedDecisionBody.TerritorialScope([" de", "AT", "DE"]));
        Assert.Throws<InvalidOperationException>(() => AutomatedDecisionBody.TerritorialScope(["DE", "EL"]));

        static IConfiguration Config(params (string, string)[] values) =>
            new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Item1, v.Item2))).Build();
        Assert.Empty(EvaluationJobs.DefaultTerritorialScopeOf(Config()));
        Assert.Equal(["AT", "DE"], EvaluationJobs.DefaultTerritorialScopeOf(Config(("Candor:Decisions:DefaultTerritorialScope", "DE, AT"))));
        Assert.Equal(["FR", "NO"], EvaluationJobs.DefaultTerritorialScopeOf(Config(
            ("Candor:Decisions:DefaultTerritorialScope:0", "NO"), ("Candor:Decisions:DefaultTerritorialScope:1", "FR"))));
    }

    [Fact]
    public void An_automated_decision_carries_the_configured_scope()
    {
        var (read, errors) = Candor.Features.Policies.CatalogueReader.Read(
            [new Candor.Features.Policies.CatalogueReader.SourceFile("p.yaml", EvaluationTests.Policy("SCOPE"))],
            [new Candor.Features.Policies.CatalogueReader.SourceFile("lists/sanctions.yaml", "id: sanctions\nkind: screening\nitems: [x]\n")]);
        Assert.Empty(errors);
        var hits = new RuleSet(read!).Evaluate(new RuleInput(new AdInput("ad-1", "adv-1", Title: "A miracle cure"), null));
        var policy = read!.Policies[0];
        var subject = new AutomatedSubject(EvaluationSubjects.Ad, 1, "adv-1", "ad-1", "A miracle cure", null);
        var now = new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

        Assert.Equal(AutomatedDecisionBody.Eea, (List<string>)AutomatedDecisionBody.Build(policy, policy.Clauses[1], hits, subject, 0, now)["territorial_scope"]!);
        Assert.Equal(["DE"], (List<string>)AutomatedDecisionBody.Build(policy, policy.Clauses[1], hits, subject, 0, now, ["DE"])["territorial_scope"]!);
    }
}
