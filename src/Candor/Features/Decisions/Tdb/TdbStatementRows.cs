using System.Text.Json;

namespace Candor.Features.Decisions.Tdb;

/// <summary>How a validated TDB statement becomes a <see cref="Decision"/> row, and back.</summary>
public static class TdbStatementRows
{
    public static Decision ToDecision(TdbStatement s, long platformId, Guid uuid, DateTimeOffset now, string method)
    {
        var decision = Row(s, platformId, uuid, now, method);
        // Received statements are accepted as the TDB would take them; they only get a score and a fingerprint (docs/decisions.md).
        var normalisedFacts = Issuing.TextFingerprint.Normalise(decision.DecisionFacts);
        decision.SpecificityScore = Issuing.Specificity.OfStatement(decision, normalisedFacts);
        decision.FactsFingerprint = Issuing.TextFingerprint.ExactHash(normalisedFacts);
        return decision;
    }

    private static Decision Row(TdbStatement s, long platformId, Guid uuid, DateTimeOffset now, string method) => new()
    {
        Uuid = uuid,
        PlatformId = platformId,
        Puid = s.Puid,
        Origin = DecisionOrigins.TdbApi,
        Method = method,
        EvidenceJson = "[]",
        // Statements sent to the TDB API are issued by the platform on receipt; nothing is a draft.
        Status = DecisionStatuses.Issued,
        DeciderKind = DeciderKinds.Platform,
        CreatedAt = now,
        IssuedAt = now,
        EffectiveAt = now,
        DecisionVisibility = Json(s.DecisionVisibility),
        DecisionVisibilityOther = s.DecisionVisibilityOther,
        DecisionMonetary = s.DecisionMonetary,
        DecisionMonetaryOther = s.DecisionMonetaryOther,
        DecisionProvision = s.DecisionProvision,
        DecisionAccount = s.DecisionAccount,
        AccountType = s.AccountType,
        DecisionGround = s.DecisionGround,
        DecisionGroundReferenceUrl = s.DecisionGroundReferenceUrl,
        IllegalContentLegalGround = s.IllegalContentLegalGround,
        IllegalContentExplanation = s.IllegalContentExplanation,
        IncompatibleContentGround = s.IncompatibleContentGround,
        IncompatibleContentExplanation = s.IncompatibleContentExplanation,
        IncompatibleContentIllegal = s.IncompatibleContentIllegal is null ? null : s.IncompatibleContentIllegal == "Yes",
        ContentType = Json(s.ContentType),
        ContentTypeOther = s.ContentTypeOther,
        Category = s.Category,
        CategoryAddition = Json(s.CategoryAddition),
        CategorySpecification = Json(s.CategorySpecification),
        CategorySpecificationOther = s.CategorySpecificationOther,
        TerritorialScope = Json(s.TerritorialScope),
        ContentLanguage = s.ContentLanguage,
        ContentDate = s.ContentDate,
        ApplicationDate = s.ApplicationDate,
        EndDateVisibilityRestriction = s.EndDateVisibilityRestriction,
        EndDateMonetaryRestriction = s.EndDateMonetaryRestriction,
        EndDateServiceRestriction = s.EndDateServiceRestriction,
        EndDateAccountRestriction = s.EndDateAccountRestriction,
        DecisionFacts = s.DecisionFacts,
        SourceType = s.SourceType,
        SourceIdentity = s.SourceIdentity,
        AutomatedDetection = s.AutomatedDetection == "Yes",
        AutomatedDecision = s.AutomatedDecision,
        ContentIdEan = s.ContentIdEan,
    };

    public static string Json(IReadOnlyList<string> values) => JsonSerializer.Serialize(values);

    public static string[] Array(string json) => JsonSerializer.Deserialize<string[]>(json) ?? [];

    public static string YesNo(bool value) => value ? "Yes" : "No";
}
