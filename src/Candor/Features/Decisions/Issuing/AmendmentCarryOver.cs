using System.Text.Json;
using System.Text.Json.Nodes;
using Candor.Features.Decisions.Tdb;

namespace Candor.Features.Decisions.Issuing;

/// <summary>
/// The TDB fields of an amended decision that the console form has no place for (additional categories, keywords,
/// content language, further visibility restrictions and content types, "other" texts, account type, reference URL,
/// source identity, EAN), kept in the amendment where they still apply to what the reviewer chose. Without this an
/// amendment made in the console silently dropped them. Pure: the form's choices and the old row in, fields out.
/// </summary>
public static class AmendmentCarryOver
{
    /// <summary>The fields to add to the amendment's body, in the TDB's names; none that the form itself sets.</summary>
    public static List<KeyValuePair<string, JsonNode>> Fields(DecisionForm form, Decision amended)
    {
        var carried = new List<KeyValuePair<string, JsonNode>>();
        void Add(string key, JsonNode? value) { if (value is not null) carried.Add(new(key, value)); }
        static JsonNode? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : JsonValue.Create(value);
        static List<string> Array(string json) => JsonSerializer.Deserialize<List<string>>(json) ?? [];
        static JsonArray Json(IEnumerable<string> values) => new(values.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray());

        // The form shows one visibility restriction and one content type: the others stay when the first is unchanged.
        var visibility = Array(amended.DecisionVisibility);
        var keepsVisibility = visibility.Count > 0 && visibility[0] == form.Visibility?.Trim();
        if (keepsVisibility && visibility.Count > 1) Add("decision_visibility", Json(visibility));
        if (keepsVisibility && visibility.Contains(TdbEnums.VisibilityOther)) Add("decision_visibility_other", Text(amended.DecisionVisibilityOther));
        if (form.Monetary?.Trim() == TdbEnums.MonetaryOther && amended.DecisionMonetary == TdbEnums.MonetaryOther)
            Add("decision_monetary_other", Text(amended.DecisionMonetaryOther));
        if (!string.IsNullOrWhiteSpace(form.Account)) Add("account_type", Text(amended.AccountType));
        Add("decision_ground_reference_url", Text(amended.DecisionGroundReferenceUrl));
        if (form.Ground == TdbEnums.GroundIncompatible && amended.DecisionGround == TdbEnums.GroundIncompatible && amended.IncompatibleContentIllegal is { } illegal)
            Add("incompatible_content_illegal", JsonValue.Create(illegal ? "Yes" : "No"));

        var contentTypes = Array(amended.ContentType);
        var keepsContentTypes = contentTypes.Count > 0 && contentTypes[0] == form.ContentType;
        if (keepsContentTypes && contentTypes.Count > 1) Add("content_type", Json(contentTypes));
        if (keepsContentTypes && contentTypes.Contains(TdbEnums.ContentTypeOther)) Add("content_type_other", Text(amended.ContentTypeOther));

        var additions = Array(amended.CategoryAddition).Where(c => c != form.Category).ToList();
        if (additions.Count > 0) Add("category_addition", Json(additions));
        var keywords = Array(amended.CategorySpecification);
        if (keywords.Count > 0) Add("category_specification", Json(keywords));
        if (keywords.Contains(TdbEnums.KeywordOther)) Add("category_specification_other", Text(amended.CategorySpecificationOther));
        Add("content_language", Text(amended.ContentLanguage));
        if (form.SourceType != TdbEnums.SourceVoluntary) Add("source_identity", Text(amended.SourceIdentity));
        Add("content_id_ean", Text(amended.ContentIdEan));
        return carried;
    }
}
