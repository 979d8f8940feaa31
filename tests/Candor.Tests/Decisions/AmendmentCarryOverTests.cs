using Candor.Features.Decisions;
using Candor.Features.Decisions.Issuing;

namespace Candor.Tests.Decisions;

/// <summary>Which of an amended decision's fields the console form cannot show are kept, given what the reviewer chose.</summary>
public sealed class AmendmentCarryOverTests
{
    private static Decision Rich()
    {
        var d = DecisionSeed.New(1, "p-1", new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
        d.DecisionVisibility = "[\"DECISION_VISIBILITY_CONTENT_REMOVED\",\"DECISION_VISIBILITY_OTHER\"]";
        d.DecisionVisibilityOther = "Hidden from the page";
        d.DecisionMonetary = "DECISION_MONETARY_OTHER";
        d.DecisionMonetaryOther = "Payouts held";
        d.DecisionAccount = "DECISION_ACCOUNT_SUSPENDED";
        d.AccountType = "ACCOUNT_TYPE_BUSINESS";
        d.DecisionGroundReferenceUrl = "https://platform.example/terms#4";
        d.IncompatibleContentIllegal = true;
        d.ContentType = "[\"CONTENT_TYPE_IMAGE\",\"CONTENT_TYPE_OTHER\"]";
        d.ContentTypeOther = "Carousel";
        d.CategoryAddition = "[\"STATEMENT_CATEGORY_CONSUMER_INFORMATION\"]";
        d.CategorySpecification = "[\"KEYWORD_OTHER\"]";
        d.CategorySpecificationOther = "Fake returns";
        d.ContentLanguage = "DE";
        d.SourceType = "SOURCE_TRUSTED_FLAGGER";
        d.SourceIdentity = "Flagger e.V.";
        d.ContentIdEan = "4006381333931";
        return d;
    }

    private static Dictionary<string, string> Carried(DecisionForm form, Decision d) =>
        AmendmentCarryOver.Fields(form, d).ToDictionary(p => p.Key, p => p.Value.ToJsonString());

    [Fact]
    public void An_unchanged_form_keeps_every_field_it_has_no_place_for()
    {
        var d = Rich();

        var carried = Carried(DecisionForm.From(d, "adv-1", null), d);

        Assert.Equal(new Dictionary<string, string>
        {
            ["decision_visibility"] = "[\"DECISION_VISIBILITY_CONTENT_REMOVED\",\"DECISION_VISIBILITY_OTHER\"]",
            ["decision_visibility_other"] = "\"Hidden from the page\"",
            ["decision_monetary_other"] = "\"Payouts held\"",
            ["account_type"] = "\"ACCOUNT_TYPE_BUSINESS\"",
            ["decision_ground_reference_url"] = "\"https://platform.example/terms#4\"",
            ["incompatible_content_illegal"] = "\"Yes\"",
            ["content_type"] = "[\"CONTENT_TYPE_IMAGE\",\"CONTENT_TYPE_OTHER\"]",
            ["content_type_other"] = "\"Carousel\"",
            ["category_addition"] = "[\"STATEMENT_CATEGORY_CONSUMER_INFORMATION\"]",
            ["category_specification"] = "[\"KEYWORD_OTHER\"]",
            ["category_specification_other"] = "\"Fake returns\"",
            ["content_language"] = "\"DE\"",
            ["source_identity"] = "\"Flagger e.V.\"",
            ["content_id_ean"] = "\"4006381333931\"",
        }, carried);
    }

    [Fact]
    public void Fields_that_depend_on_a_choice_the_reviewer_changed_are_dropped()
    {
        var d = Rich();
        var form = DecisionForm.From(d, "adv-1", null);
        form.Visibility = "DECISION_VISIBILITY_CONTENT_DEMOTED";
        form.Monetary = "DECISION_MONETARY_SUSPENSION";
        form.Account = "";
        form.Ground = "DECISION_GROUND_ILLEGAL_CONTENT";
        form.ContentType = "CONTENT_TYPE_TEXT";
        form.Category = "STATEMENT_CATEGORY_CONSUMER_INFORMATION";
        form.SourceType = "SOURCE_VOLUNTARY";

        var carried = Carried(form, d);

        Assert.Equal(["category_specification", "category_specification_other", "content_id_ean", "content_language", "decision_ground_reference_url"],
            carried.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_decision_without_extra_fields_carries_nothing()
    {
        var d = DecisionSeed.New(1, "p-2", new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
        d.ContentType = "[\"CONTENT_TYPE_IMAGE\"]";

        Assert.Empty(AmendmentCarryOver.Fields(DecisionForm.From(d, "adv-1", null), d));
    }
}
