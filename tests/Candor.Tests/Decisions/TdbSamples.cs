using System.Text.Json;
using System.Text.Json.Nodes;
using Candor.Features.Decisions.Tdb;

namespace Candor.Tests.Decisions;

/// <summary>Valid TDB v2 statements to start each test from, changed one field at a time.</summary>
public static class TdbSamples
{
    public static JsonObject Statement(string puid = "puid-1") => new()
    {
        ["decision_visibility"] = new JsonArray("DECISION_VISIBILITY_CONTENT_REMOVED"),
        ["decision_ground"] = "DECISION_GROUND_INCOMPATIBLE_CONTENT",
        ["incompatible_content_ground"] = "Ad policy 4.2: unverifiable health claims",
        ["incompatible_content_explanation"] = "The ad claims the supplement cures diabetes; no evidence was provided.",
        ["incompatible_content_illegal"] = "No",
        ["content_type"] = new JsonArray("CONTENT_TYPE_TEXT", "CONTENT_TYPE_IMAGE"),
        ["category"] = "STATEMENT_CATEGORY_SCAMS_AND_FRAUD",
        ["territorial_scope"] = new JsonArray("DE", "AT"),
        ["content_date"] = "2026-10-30",
        ["application_date"] = "2026-11-01",
        ["decision_facts"] = "Ad 123 (landing page example.org/cure) states 'cures diabetes in 7 days'.",
        ["source_type"] = "SOURCE_VOLUNTARY",
        ["automated_detection"] = "Yes",
        ["automated_decision"] = "AUTOMATED_DECISION_PARTIALLY",
        ["puid"] = puid,
    };

    public static JsonObject With(this JsonObject statement, string field, JsonNode? value)
    {
        statement[field] = value;
        return statement;
    }

    public static JsonObject Without(this JsonObject statement, params string[] fields)
    {
        foreach (var field in fields) statement.Remove(field);
        return statement;
    }

    public static Dictionary<string, object?> Input(JsonObject statement) =>
        TdbInput.ObjectOf(JsonDocument.Parse(statement.ToJsonString()).RootElement);

    public static TdbValidationResult Validate(JsonObject statement, TdbEndpoint endpoint = TdbEndpoint.Statement) =>
        TdbValidation.Validate(Input(statement), endpoint);
}
