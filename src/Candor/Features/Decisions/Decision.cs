namespace Candor.Features.Decisions;

/// <summary>
/// One decision: a statement of reasons with every EU Transparency Database (v2) field, plus what Candor
/// knows beyond it (subject, clause, evidence, decider, lifecycle). Never edited after issue: changes are
/// <see cref="DecisionEvent"/>s. Field meanings: docs/decisions.md.
/// </summary>
public sealed class Decision
{
    public long Id { get; set; }
    /// <summary>The public id (the TDB's <c>uuid</c>).</summary>
    public Guid Uuid { get; set; }
    public long PlatformId { get; set; }
    /// <summary>The platform's own id for the statement; unique per platform forever.</summary>
    public required string Puid { get; set; }
    /// <summary><see cref="DecisionOrigins"/>.</summary>
    public required string Origin { get; set; }
    /// <summary>How it arrived, as the TDB's <c>method</c>: API, API_MULTI or FORM.</summary>
    public required string Method { get; set; }

    public long? AdvertiserId { get; set; }
    public long? AdId { get; set; }
    /// <summary>The policy clause relied on; free text until the policy catalogue exists.</summary>
    public string? ClauseId { get; set; }
    public string? ClauseVersion { get; set; }
    /// <summary>The published policy that holds the clause, when the clause was resolved against the catalogue.</summary>
    public string? ClausePolicyId { get; set; }
    /// <summary>JSON array of <c>{kind, value, source, observed_at}</c>.</summary>
    public required string EvidenceJson { get; set; }
    /// <summary><see cref="DeciderKinds"/>, or null when not known (statements received through the TDB API).</summary>
    public string? DeciderKind { get; set; }
    public string? DeciderRef { get; set; }
    /// <summary><see cref="DecisionStatuses"/>.</summary>
    public required string Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? IssuedAt { get; set; }
    public DateTimeOffset? EffectiveAt { get; set; }
    public DateTimeOffset? NotifiedAt { get; set; }
    public double? SpecificityScore { get; set; }
    /// <summary>Hash of the normalised facts text (<see cref="Issuing.TextFingerprint"/>), to count how often a text is reused.</summary>
    public string? FactsFingerprint { get; set; }
    /// <summary>The same for the explanation text; set for decisions Candor issues.</summary>
    public string? ExplanationFingerprint { get; set; }

    // The TDB v2 statement of reasons. Arrays are JSON text; enum values are the TDB's API keys.
    public required string DecisionVisibility { get; set; }
    public string? DecisionVisibilityOther { get; set; }
    public string? DecisionMonetary { get; set; }
    public string? DecisionMonetaryOther { get; set; }
    public string? DecisionProvision { get; set; }
    public string? DecisionAccount { get; set; }
    public string? AccountType { get; set; }
    public required string DecisionGround { get; set; }
    public string? DecisionGroundReferenceUrl { get; set; }
    public string? IllegalContentLegalGround { get; set; }
    public string? IllegalContentExplanation { get; set; }
    public string? IncompatibleContentGround { get; set; }
    public string? IncompatibleContentExplanation { get; set; }
    public bool? IncompatibleContentIllegal { get; set; }
    public required string ContentType { get; set; }
    public string? ContentTypeOther { get; set; }
    public required string Category { get; set; }
    public required string CategoryAddition { get; set; }
    public required string CategorySpecification { get; set; }
    public string? CategorySpecificationOther { get; set; }
    public required string TerritorialScope { get; set; }
    public string? ContentLanguage { get; set; }
    public DateOnly ContentDate { get; set; }
    public DateOnly ApplicationDate { get; set; }
    public DateOnly? EndDateVisibilityRestriction { get; set; }
    public DateOnly? EndDateMonetaryRestriction { get; set; }
    public DateOnly? EndDateServiceRestriction { get; set; }
    public DateOnly? EndDateAccountRestriction { get; set; }
    public required string DecisionFacts { get; set; }
    public required string SourceType { get; set; }
    public string? SourceIdentity { get; set; }
    public bool AutomatedDetection { get; set; }
    public required string AutomatedDecision { get; set; }
    public string? ContentIdEan { get; set; }
}

public static class DecisionOrigins
{
    /// <summary>Received through the TDB-compatible API (<c>POST /api/v1/statement(s)</c>).</summary>
    public const string TdbApi = "tdb-api";
    /// <summary>Issued through Candor's own API or console.</summary>
    public const string Candor = "candor";
}

public static class DecisionMethods
{
    public const string Api = "API";
    public const string ApiMulti = "API_MULTI";
    public const string Form = "FORM";
}

public static class DecisionStatuses
{
    public const string Draft = "draft";
    public const string Issued = "issued";
    public const string Superseded = "superseded";
    public const string Reversed = "reversed";
}

public static class DeciderKinds
{
    public const string Person = "person";
    public const string Rule = "rule";
    public const string Platform = "platform";
}
