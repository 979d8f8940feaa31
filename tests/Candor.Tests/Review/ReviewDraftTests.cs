using Candor.Features.Ads;
using Candor.Features.Advertisers;
using Candor.Features.Decisions.Issuing;
using Candor.Features.Evaluations;
using Candor.Features.Policies;
using Candor.Features.Review;
using Candor.Features.Rules;

namespace Candor.Tests.Review;

public sealed class ReviewDraftTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private static ReviewItemView View(string title, string policyYaml)
    {
        var (catalogue, errors) = CatalogueReader.Read([new CatalogueReader.SourceFile("p.yaml", policyYaml)], []);
        Assert.Empty(errors);
        var hits = new RuleSet(catalogue!).Evaluate(new RuleInput(new AdInput("ad-9", "adv-9", title, "Play tonight at the casino."), null));
        var stored = EvaluationHits.Read(EvaluationHits.ToJson(hits));
        var clause = ReviewItemDetails.ClauseOf(PolicyJson.Document(catalogue!.Policies[0]).ToJsonString(), stored[0].ClauseId);
        var row = new ReviewQueueRow(7, ReviewStates.Open, "ad", "adv-9", "Spielbank GmbH", "ad-9", title, catalogue.Policies[0].Id, "1", stored[0].ClauseId,
            [stored[0].RuleId], 0, Now, null, null, null, null, null, null, null, null);
        var subject = new ReviewSubject("adv-9", "Spielbank GmbH", null, "DE", "verified", "ad-9", title, null, null, null, null, null, Now.AddDays(-5), null, "active");
        return new ReviewItemView(row, subject, clause, stored, Now.AddHours(-1), "hash");
    }

    [Fact]
    public void The_draft_carries_subject_clause_version_dsa_mapping_and_one_evidence_item_per_leaf_cited_in_the_facts()
    {
        var form = ReviewDraft.Form(View("Casino bonus", ReviewSeed.Policy("GX")), Now);

        Assert.Equal(("adv-9", "ad-9", "GX.1", "1"), (form.AdvertiserId, form.AdId, form.ClauseId, form.ClauseVersion));
        var evidence = form.Evidence.Where(e => e.Value is not null).ToList();
        Assert.Equal(["title: \"casino\"; body: \"casino\""], evidence.Select(e => e.Value));
        Assert.Equal("ad_content", evidence[0].Kind);
        Assert.Equal("Candor rule GX.1-R1 (text_contains)", evidence[0].Source);
        Assert.Equal("2026-11-02T08:00:00Z", evidence[0].ObservedAt);
        Assert.Equal(DecisionForm.EvidenceRows, form.Evidence.Count);
        Assert.Contains("rule GX.1-R1 (The ad text mentions gambling) saw title: \"casino\"; body: \"casino\" [E1]", form.Facts, StringComparison.Ordinal);
        Assert.StartsWith("On 2026-11-02 Candor's rules for clause GX.1 found in ad ad-9 of advertiser Spielbank GmbH:", form.Facts, StringComparison.Ordinal);
        Assert.Equal("STATEMENT_CATEGORY_UNSAFE_AND_PROHIBITED_PRODUCTS", form.Category);
        Assert.Equal(("DECISION_VISIBILITY_CONTENT_REMOVED", "2026-12-02"), (form.Visibility, form.VisibilityEnd));
        Assert.Equal("Gambling ads (GX version 1), clause GX.1: Unlicensed gambling", form.GroundText);
        Assert.True(form.AutomatedDetection);
        Assert.Equal(("2026-10-28", "2026-11-02"), (form.ContentDate, form.ApplicationDate));
    }

    [Fact]
    public void The_drafted_form_passes_the_decision_api_validation()
    {
        var form = ReviewDraft.Form(View("Casino bonus", ReviewSeed.Policy("GY")), Now);

        var validated = DecisionInput.Validate(form.ToInput("user:1", draft: true), Now, Guid.CreateVersion7(Now));

        Assert.Empty(validated.Errors.Describe());
    }

    [Theory]
    [InlineData("text_contains", "ad_content")]
    [InlineData("landing_domain_in", "landing_page")]
    [InlineData("screening_match", "list_entry")]
    [InlineData("advertiser_country_in", "registry_record")]
    [InlineData("not", "other")]
    public void Each_predicate_maps_to_an_evidence_kind_the_api_accepts(string predicate, string kind)
    {
        Assert.Equal(kind, ReviewDraft.KindOf(predicate));
        Assert.Contains(kind, DecisionInput.EvidenceKinds);
    }
}

public sealed class DismissReasonsTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    [InlineData("False positive.")]
    [InlineData("not a violation")]
    [InlineData("OK")]
    [InlineData("wrong match here")]
    public void A_missing_generic_or_short_reason_is_refused(string? reason) => Assert.NotNull(DismissReasons.Problem(reason));

    [Fact]
    public void A_reason_that_says_what_matched_and_why_it_is_allowed_is_accepted() =>
        Assert.Null(DismissReasons.Problem("'Casino' is the street name of the shop (Casino Road 4), the ad sells shoes."));

    [Fact]
    public void An_overlong_reason_is_refused() => Assert.NotNull(DismissReasons.Problem(new string('a', 1000) + " " + new string('b', 1001)));
}
