using System.Text.Json.Nodes;
using Candor.Features.Decisions.Tdb;
using static Candor.Tests.Decisions.TdbSamples;

namespace Candor.Tests.Decisions;

/// <summary>Each TDB rule (../shared/docs/dsa-statement-of-reasons.md §1) proven on its own, on the pure validator.</summary>
public sealed class TdbValidationTests
{
    private static void AssertOnly(TdbValidationResult result, string field, string message)
    {
        Assert.Null(result.Statement);
        Assert.Equal([field], result.Errors.Fields);
        Assert.Contains(message, result.Errors[field]);
    }

    private static TdbStatement AssertValid(TdbValidationResult result)
    {
        Assert.False(result.Errors.Any, string.Join("; ", result.Errors.Fields.Select(f => f + ": " + string.Join(", ", result.Errors[f]))));
        return result.Statement!;
    }

    [Fact]
    public void The_sample_is_valid_on_both_endpoints()
    {
        AssertValid(Validate(Statement()));
        AssertValid(Validate(Statement(), TdbEndpoint.Statements));
    }

    [Fact]
    public void Strings_are_trimmed_and_empty_strings_are_null()
    {
        var trimmed = AssertValid(Validate(Statement().With("decision_facts", "  facts \u200B").With("source_identity", "   ").With("source_type", "SOURCE_ARTICLE_16")));
        Assert.Equal("facts", trimmed.DecisionFacts);
        Assert.Null(trimmed.SourceIdentity);

        AssertOnly(Validate(Statement().With("decision_facts", "   ")), "decision_facts", "The decision facts field is required.");
    }

    [Fact]
    public void At_least_one_of_the_four_decision_fields_is_required_and_an_empty_array_counts_as_none()
    {
        var result = Validate(Statement().With("decision_visibility", new JsonArray()));

        Assert.Equal(["decision_visibility", "decision_monetary", "decision_provision", "decision_account"], result.Errors.Fields);
        Assert.Equal("The decision visibility field is required when none of decision monetary / decision provision / decision account are present.",
            result.Errors["decision_visibility"][0]);
        AssertValid(Validate(Statement().Without("decision_visibility").With("decision_account", "DECISION_ACCOUNT_SUSPENDED")));
    }

    [Fact]
    public void The_literal_string_null_is_an_accepted_decision_value_as_in_the_TDB()
    {
        var stored = AssertValid(Validate(Statement().Without("decision_visibility").With("decision_monetary", "null")));

        Assert.Equal("null", stored.DecisionMonetary);
        AssertValid(Validate(Statement().With("decision_visibility", new JsonArray("null"))));
        AssertValid(Validate(Statement().With("account_type", "null").With("category_specification", new JsonArray("null"))));
        AssertOnly(Validate(Statement().With("decision_ground", "null")), "decision_ground", "The selected decision ground is invalid.");
    }

    [Theory]
    [InlineData("category", "STATEMENT_CATEGORY_PORNOGRAPHY_OR_SEXUALIZED_CONTENT")]
    [InlineData("category", "STATEMENT_CATEGORY_SCOPE_OF_PLATFORM_SERVICE")]
    [InlineData("category", "STATEMENT_CATEGORY_UNSAFE_AND_ILLEGAL_PRODUCTS")]
    [InlineData("category", "statement_category_scams_and_fraud")]
    [InlineData("decision_ground", "ILLEGAL_CONTENT")]
    [InlineData("source_type", "SOURCE_OTHER")]
    [InlineData("automated_decision", "Yes")]
    [InlineData("decision_monetary", "DECISION_MONETARY_FINE")]
    [InlineData("decision_provision", "DECISION_PROVISION_SUSPENSION")]
    [InlineData("decision_account", "DECISION_ACCOUNT_BANNED")]
    [InlineData("account_type", "ACCOUNT_TYPE_ROBOT")]
    [InlineData("content_language", "en")]
    [InlineData("content_language", "XX")]
    public void Unknown_lowercase_and_v1_enum_values_are_rejected(string field, string value) =>
        AssertOnly(Validate(Statement().With(field, value)), field, $"The selected {field.Replace('_', ' ')} is invalid.");

    [Theory]
    [InlineData("category_specification", "KEYWORD_ONLINE_BULLYING_INTIMIDATION")]
    [InlineData("category_specification", "KEYWORD_DANGEROUS_TOYS")]
    [InlineData("category_specification", "KEYWORD_MISINFORMATION")]
    [InlineData("category_addition", "STATEMENT_CATEGORY_NON_CONSENSUAL_BEHAVIOUR")]
    [InlineData("content_type", "CONTENT_TYPE_GIF")]
    [InlineData("decision_visibility", "DECISION_VISIBILITY_CONTENT_HIDDEN")]
    [InlineData("territorial_scope", "EL")]
    [InlineData("territorial_scope", "de")]
    [InlineData("territorial_scope", "CH")]
    public void Array_items_outside_the_enum_are_rejected_with_one_message_for_the_field(string field, string value) =>
        AssertOnly(Validate(Statement().With(field, new JsonArray(value))), field, $"The selected {field.Replace('_', ' ')} is invalid.");

    [Theory]
    [InlineData("content_type")]
    [InlineData("decision_visibility")]
    [InlineData("category_addition")]
    [InlineData("category_specification")]
    [InlineData("territorial_scope")]
    public void A_non_array_where_an_array_belongs_is_rejected(string field) =>
        AssertOnly(Validate(Statement().With(field, "CONTENT_TYPE_TEXT")), field, $"The {field.Replace('_', ' ')} field must be an array.");

    [Fact]
    public void Content_type_is_required_and_empty_counts_as_missing() =>
        AssertOnly(Validate(Statement().With("content_type", new JsonArray())), "content_type", "The content type field is required.");

    [Fact]
    public void Category_addition_is_not_nullable_but_territorial_scope_is()
    {
        AssertOnly(Validate(Statement().With("category_addition", null)), "category_addition", "The category addition field must be an array.");
        Assert.Empty(AssertValid(Validate(Statement().With("territorial_scope", null))).TerritorialScope);
    }

    [Theory]
    [InlineData("true")]
    [InlineData("false")]
    [InlineData("\"yes\"")]
    [InlineData("\"YES\"")]
    [InlineData("1")]
    public void Automated_detection_takes_only_the_strings_Yes_and_No(string json) =>
        AssertOnly(Validate(Statement().With("automated_detection", JsonNode.Parse(json))), "automated_detection", "The selected automated detection is invalid.");

    [Theory]
    [InlineData("content_date", "2026-1-05", "The content date does not match the format YYYY-MM-DD.")]
    [InlineData("content_date", "2023-02-30", "The content date does not match the format YYYY-MM-DD.")]
    [InlineData("content_date", "05/01/2026", "The content date does not match the format YYYY-MM-DD.")]
    [InlineData("content_date", "2026-01-05T00:00:00Z", "The content date does not match the format YYYY-MM-DD.")]
    [InlineData("content_date", "1999-12-31", "The content date field must be a date after or equal to 2000-01-01.")]
    [InlineData("content_date", "2038-01-02", "The content date field must be a date before or equal to 2038-01-01.")]
    [InlineData("application_date", "2019-12-31", "The application date field must be a date after or equal to 2020-01-01.")]
    [InlineData("application_date", "2038-01-02", "The application date field must be a date before or equal to 2038-01-01.")]
    [InlineData("application_date", "2026-13-01", "The application date does not match the format YYYY-MM-DD.")]
    [InlineData("end_date_account_restriction", "2038-01-02", "The end date account restriction field must be a date before or equal to 2038-01-01.")]
    [InlineData("end_date_visibility_restriction", "2026-11", "The end date of visibility restriction does not match the format YYYY-MM-DD.")]
    [InlineData("end_date_monetary_restriction", "tomorrow", "The end date of monetary restriction does not match the format YYYY-MM-DD.")]
    [InlineData("end_date_service_restriction", "2026-02-29", "The end date of service restriction does not match the format YYYY-MM-DD.")]
    public void Dates_are_strict_and_within_range(string field, string value, string message) =>
        AssertOnly(Validate(Statement().With(field, value)), field, message);

    [Fact]
    public void Date_bounds_are_inclusive_and_there_are_no_cross_date_rules()
    {
        var stored = AssertValid(Validate(Statement().With("content_date", "2000-01-01").With("application_date", "2038-01-01")
            .With("end_date_account_restriction", "2020-01-01").With("decision_account", "DECISION_ACCOUNT_SUSPENDED")));

        Assert.Equal(new DateOnly(2038, 1, 1), stored.ApplicationDate);
        Assert.Equal(new DateOnly(2020, 1, 1), stored.EndDateAccountRestriction);
        AssertValid(Validate(Statement().With("content_date", "2028-02-29")));
    }

    [Fact]
    public void An_other_decision_visibility_needs_its_text_and_the_text_is_dropped_unvalidated_without_it()
    {
        var other = Statement().With("decision_visibility", new JsonArray("DECISION_VISIBILITY_OTHER"));
        AssertOnly(Validate(other), "decision_visibility_other", "The decision visibility other field is required.");
        Assert.Equal("Shadow-limited", AssertValid(Validate(other.With("decision_visibility_other", "Shadow-limited"))).DecisionVisibilityOther);

        var dropped = AssertValid(Validate(Statement().With("decision_visibility_other", new string('x', 600))));
        Assert.Null(dropped.DecisionVisibilityOther);
    }

    [Fact]
    public void An_other_monetary_decision_needs_its_text_with_the_TDB_message()
    {
        AssertOnly(Validate(Statement().With("decision_monetary", "DECISION_MONETARY_OTHER")), "decision_monetary_other",
            "The decision monetary other field is required when decision monetary is other.");
        Assert.Null(AssertValid(Validate(Statement().With("decision_monetary_other", "text"))).DecisionMonetaryOther);
    }

    [Fact]
    public void An_other_content_type_needs_its_text_and_the_text_is_dropped_without_it()
    {
        AssertOnly(Validate(Statement().With("content_type", new JsonArray("CONTENT_TYPE_OTHER"))), "content_type_other", "The content type other field is required.");
        Assert.Null(AssertValid(Validate(Statement().With("content_type_other", new string('x', 600)))).ContentTypeOther);
    }

    [Fact]
    public void The_ground_selects_the_explanation_pair_and_drops_the_other_pair()
    {
        var illegal = Statement().With("decision_ground", "DECISION_GROUND_ILLEGAL_CONTENT");
        var result = Validate(illegal);
        Assert.Equal(["illegal_content_legal_ground", "illegal_content_explanation"], result.Errors.Fields);
        Assert.Equal("The illegal content legal ground field is required when decision ground is illegal content.", result.Errors["illegal_content_legal_ground"][0]);

        var stored = AssertValid(Validate(illegal.With("illegal_content_legal_ground", "§ 263 StGB").With("illegal_content_explanation", "Fraudulent offer.")
            .With("incompatible_content_illegal", "Yes")));
        Assert.Null(stored.IncompatibleContentGround);
        Assert.Null(stored.IncompatibleContentExplanation);
        Assert.Null(stored.IncompatibleContentIllegal);

        AssertOnly(Validate(Statement().Without("incompatible_content_explanation")), "incompatible_content_explanation",
            "The incompatible content explanation field is required when decision ground is incompatible content.");
    }

    [Theory]
    [InlineData("\"Maybe\"")]
    [InlineData("null")]
    [InlineData("true")]
    public void Incompatible_content_illegal_is_checked_even_under_an_illegal_ground(string json)
    {
        var statement = Statement().With("decision_ground", "DECISION_GROUND_ILLEGAL_CONTENT")
            .With("illegal_content_legal_ground", "§ 263 StGB").With("illegal_content_explanation", "Fraud.")
            .With("incompatible_content_illegal", JsonNode.Parse(json));

        AssertOnly(Validate(statement), "incompatible_content_illegal", "The selected incompatible content illegal is invalid.");
    }

    [Theory]
    [InlineData("decision_facts", 5000)]
    [InlineData("illegal_content_explanation", 2000)]
    [InlineData("incompatible_content_explanation", 2000)]
    [InlineData("incompatible_content_ground", 500)]
    [InlineData("category_specification_other", 500)]
    [InlineData("puid", 500)]
    public void Lengths_are_counted_in_characters_not_bytes(string field, int max)
    {
        var statement = Statement().With("decision_ground", field.StartsWith("illegal", StringComparison.Ordinal) ? "DECISION_GROUND_ILLEGAL_CONTENT" : "DECISION_GROUND_INCOMPATIBLE_CONTENT")
            .With("illegal_content_legal_ground", "§ 1").With("illegal_content_explanation", "x");
        // Multibyte text: 'é' is two UTF-8 bytes, '😀' four bytes and two UTF-16 units; each is one character. Puids are ASCII only.
        var fits = field == "puid" ? new string('a', max) : string.Concat(Enumerable.Repeat("é😀", max / 2));
        AssertValid(Validate(statement.With(field, fits)));

        AssertOnly(Validate(statement.With(field, fits + "a")), field, $"The {field.Replace('_', ' ')} field must not be greater than {max} characters.");
    }

    [Theory]
    [InlineData("with space")]
    [InlineData("dotted.id")]
    [InlineData("ümlaut")]
    [InlineData("two\nlines")]
    [InlineData("a/b")]
    public void Puids_take_ascii_letters_digits_dashes_and_underscores_only(string puid) =>
        AssertOnly(Validate(Statement(puid)), "puid", "The puid field format is invalid.");

    [Fact]
    public void A_missing_puid_is_required() =>
        AssertOnly(Validate(Statement().Without("puid")), "puid", "The puid field is required.");

    [Fact]
    public void Content_id_takes_an_EAN_13_string_and_ignores_other_keys()
    {
        var stored = AssertValid(Validate(Statement().With("content_id", new JsonObject { ["EAN-13"] = "4006381333931", ["ASIN"] = "B000" })));
        Assert.Equal("4006381333931", stored.ContentIdEan);

        AssertOnly(Validate(Statement().With("content_id", new JsonObject { ["EAN-13"] = "400638133393" })), "content_id.EAN-13",
            "The content id. e a n-13 field must be 13 digits.");
        AssertOnly(Validate(Statement().With("content_id", new JsonObject { ["EAN-13"] = 4006381333931 })), "content_id.EAN-13",
            "The content id. e a n-13 field must be 13 digits.");
        AssertOnly(Validate(Statement().With("content_id", "4006381333931")), "content_id", "The content id field must be an array.");
    }

    [Fact]
    public void A_top_level_content_id_ean_counts_only_on_the_single_endpoint()
    {
        Assert.Equal("4006381333931", AssertValid(Validate(Statement().With("content_id_ean", "4006381333931"))).ContentIdEan);
        Assert.Null(AssertValid(Validate(Statement().With("content_id_ean", "4006381333931"), TdbEndpoint.Statements)).ContentIdEan);
        AssertOnly(Validate(Statement().With("content_id_ean", "12")), "content_id_ean", "The content id ean field must be 13 digits.");
    }

    [Fact]
    public void The_reference_url_must_be_a_url() =>
        AssertOnly(Validate(Statement().With("decision_ground_reference_url", "not a url")), "decision_ground_reference_url",
            "The decision ground reference url field must be a valid URL.");

    [Fact]
    public void Unknown_and_server_set_fields_are_silently_dropped()
    {
        var stored = AssertValid(Validate(Statement().With("colour", "blue").With("uuid", "x").With("id", 5).With("platform_id", 9).With("method", "FORM")));

        Assert.Equal("puid-1", stored.Puid);
    }

    [Fact]
    public void The_single_endpoint_sorts_and_dedupes_arrays_and_takes_the_category_out_of_its_additions()
    {
        var statement = Statement().With("content_type", new JsonArray("CONTENT_TYPE_TEXT", "CONTENT_TYPE_IMAGE", "CONTENT_TYPE_TEXT"))
            .With("category_addition", new JsonArray("STATEMENT_CATEGORY_SCAMS_AND_FRAUD", "STATEMENT_CATEGORY_ANIMAL_WELFARE"))
            .With("territorial_scope", new JsonArray("FR", "DE", "FR"));

        var single = AssertValid(Validate(statement));
        var batch = AssertValid(Validate(statement, TdbEndpoint.Statements));

        Assert.Equal(["CONTENT_TYPE_IMAGE", "CONTENT_TYPE_TEXT"], single.ContentType);
        Assert.Equal(["STATEMENT_CATEGORY_ANIMAL_WELFARE"], single.CategoryAddition);
        Assert.Equal(["DE", "FR"], single.TerritorialScope);
        Assert.Equal(["CONTENT_TYPE_TEXT", "CONTENT_TYPE_IMAGE", "CONTENT_TYPE_TEXT"], batch.ContentType);
        Assert.Equal(["STATEMENT_CATEGORY_SCAMS_AND_FRAUD", "STATEMENT_CATEGORY_ANIMAL_WELFARE"], batch.CategoryAddition);
        Assert.Equal(["DE", "FR"], batch.TerritorialScope);
    }

    [Fact]
    public void Source_identity_is_dropped_unvalidated_for_voluntary_on_single_but_checked_on_batch()
    {
        var statement = Statement().With("source_identity", new string('x', 501));

        Assert.Null(AssertValid(Validate(statement)).SourceIdentity);
        AssertOnly(Validate(statement, TdbEndpoint.Statements), "source_identity", "The source identity field must not be greater than 500 characters.");
        Assert.Null(AssertValid(Validate(Statement().With("source_identity", "Jane"), TdbEndpoint.Statements)).SourceIdentity);
        Assert.Equal("Jane", AssertValid(Validate(Statement().With("source_identity", "Jane").With("source_type", "SOURCE_ARTICLE_16"))).SourceIdentity);
    }

    [Fact]
    public void Category_specification_other_is_kept_by_single_and_kept_by_batch_only_next_to_KEYWORD_OTHER()
    {
        var statement = Statement().With("category_specification_other", "Fake miracle cures").With("category_specification", new JsonArray("KEYWORD_PHISHING"));

        Assert.Equal("Fake miracle cures", AssertValid(Validate(statement)).CategorySpecificationOther);
        Assert.Null(AssertValid(Validate(statement, TdbEndpoint.Statements)).CategorySpecificationOther);
        statement.With("category_specification", new JsonArray("KEYWORD_OTHER"));
        Assert.Equal("Fake miracle cures", AssertValid(Validate(statement, TdbEndpoint.Statements)).CategorySpecificationOther);
    }

    [Fact]
    public void Text_fields_refuse_arrays_and_objects() =>
        AssertOnly(Validate(Statement().With("decision_facts", new JsonArray("a"))), "decision_facts", "The decision facts field must be a string.");

    [Fact]
    public void A_body_that_is_not_an_object_lacks_every_required_field_and_the_summary_counts_the_rest()
    {
        var result = TdbValidation.Validate(TdbInput.Empty(), TdbEndpoint.Statement);

        Assert.Contains("decision_ground", result.Errors.Fields);
        Assert.Contains("puid", result.Errors.Fields);
        Assert.Equal($"The decision visibility field is required when none of decision monetary / decision provision / decision account are present. (and {result.Errors.MessageCount - 1} more errors)",
            result.Errors.Summary());
    }
}
