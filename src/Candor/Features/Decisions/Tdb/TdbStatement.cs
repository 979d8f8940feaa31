namespace Candor.Features.Decisions.Tdb;

/// <summary>One statement of reasons after TDB validation and normalisation: exactly what gets stored.</summary>
public sealed record TdbStatement
{
    public IReadOnlyList<string> DecisionVisibility { get; init; } = [];
    public string? DecisionVisibilityOther { get; init; }
    public string? DecisionMonetary { get; init; }
    public string? DecisionMonetaryOther { get; init; }
    public string? DecisionProvision { get; init; }
    public string? DecisionAccount { get; init; }
    public string? AccountType { get; init; }
    public required string DecisionGround { get; init; }
    public string? DecisionGroundReferenceUrl { get; init; }
    public string? IllegalContentLegalGround { get; init; }
    public string? IllegalContentExplanation { get; init; }
    public string? IncompatibleContentGround { get; init; }
    public string? IncompatibleContentExplanation { get; init; }
    /// <summary>"Yes" or "No"; null unless the ground is incompatible content.</summary>
    public string? IncompatibleContentIllegal { get; init; }
    public IReadOnlyList<string> ContentType { get; init; } = [];
    public string? ContentTypeOther { get; init; }
    public required string Category { get; init; }
    public IReadOnlyList<string> CategoryAddition { get; init; } = [];
    public IReadOnlyList<string> CategorySpecification { get; init; } = [];
    public string? CategorySpecificationOther { get; init; }
    public IReadOnlyList<string> TerritorialScope { get; init; } = [];
    public string? ContentLanguage { get; init; }
    public DateOnly ContentDate { get; init; }
    public DateOnly ApplicationDate { get; init; }
    public DateOnly? EndDateVisibilityRestriction { get; init; }
    public DateOnly? EndDateMonetaryRestriction { get; init; }
    public DateOnly? EndDateServiceRestriction { get; init; }
    public DateOnly? EndDateAccountRestriction { get; init; }
    public required string DecisionFacts { get; init; }
    public required string SourceType { get; init; }
    public string? SourceIdentity { get; init; }
    /// <summary>"Yes" or "No".</summary>
    public required string AutomatedDetection { get; init; }
    public required string AutomatedDecision { get; init; }
    public required string Puid { get; init; }
    public string? ContentIdEan { get; init; }
}

public enum TdbEndpoint
{
    /// <summary><c>POST /api/v1/statement</c> (one statement).</summary>
    Statement,
    /// <summary>One item of <c>POST /api/v1/statements</c>, which the TDB validates with slightly different rules.</summary>
    Statements,
}
