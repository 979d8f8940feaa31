using System.Globalization;
using Candor.Features.Decisions.Published;

namespace Candor.Features.Decisions.Export;

/// <summary>
/// A decision as the TDB's <c>POST /api/v1/statements</c> takes it: the TDB fields only, built from the public
/// projection (so the notifier of a non-trusted-flagger notice is never sent) plus the platform's puid. Null
/// fields are left out: the TDB rejects some of them as null (e.g. <c>incompatible_content_illegal</c>).
/// </summary>
public static class TdbExportStatement
{
    public static Dictionary<string, object> Of(PublicDecision d, string puid)
    {
        var s = new Dictionary<string, object>(StringComparer.Ordinal);
        void Put(string key, object? value)
        {
            if (value is not null) s[key] = value;
        }
        static string? Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        if (d.DecisionVisibility.Count > 0) Put("decision_visibility", d.DecisionVisibility);
        Put("decision_visibility_other", d.DecisionVisibilityOther);
        Put("end_date_visibility_restriction", Day(d.EndDateVisibilityRestriction));
        Put("decision_monetary", d.DecisionMonetary);
        Put("decision_monetary_other", d.DecisionMonetaryOther);
        Put("end_date_monetary_restriction", Day(d.EndDateMonetaryRestriction));
        Put("decision_provision", d.DecisionProvision);
        Put("end_date_service_restriction", Day(d.EndDateServiceRestriction));
        Put("decision_account", d.DecisionAccount);
        Put("end_date_account_restriction", Day(d.EndDateAccountRestriction));
        Put("account_type", d.AccountType);
        Put("decision_ground", d.DecisionGround);
        Put("decision_ground_reference_url", d.DecisionGroundReferenceUrl);
        Put("illegal_content_legal_ground", d.IllegalContentLegalGround);
        Put("illegal_content_explanation", d.IllegalContentExplanation);
        Put("incompatible_content_ground", d.IncompatibleContentGround);
        Put("incompatible_content_explanation", d.IncompatibleContentExplanation);
        Put("incompatible_content_illegal", d.IncompatibleContentIllegal);
        Put("category", d.Category);
        Put("category_addition", d.CategoryAddition);
        if (d.CategorySpecification.Count > 0) Put("category_specification", d.CategorySpecification);
        Put("category_specification_other", d.CategorySpecificationOther);
        Put("content_type", d.ContentType);
        Put("content_type_other", d.ContentTypeOther);
        Put("content_language", d.ContentLanguage);
        Put("content_date", Day(d.ContentDate));
        if (d.ContentIdEan is { } ean) Put("content_id", new Dictionary<string, string> { ["EAN-13"] = ean });
        if (d.TerritorialScope.Count > 0) Put("territorial_scope", d.TerritorialScope);
        Put("application_date", Day(d.ApplicationDate));
        Put("decision_facts", d.DecisionFacts);
        Put("source_type", d.SourceType);
        Put("source_identity", d.SourceIdentity);
        Put("automated_detection", d.AutomatedDetection);
        Put("automated_decision", d.AutomatedDecision);
        Put("puid", puid);
        return s;
    }
}
