using System.Text.Json.Serialization;

namespace Candor.Features.Decisions.Tdb;

/// <summary>
/// A statement as the TDB API answers with it: every schema field (dates <c>Y-m-d</c>, arrays as arrays),
/// then <c>uuid</c>, <c>created_at</c> (<c>Y-m-d H:i:s</c> UTC), <c>platform_name</c>, <c>permalink</c>, <c>self</c>.
/// <c>id</c> and <c>puid</c> appear only where the TDB shows them.
/// </summary>
public sealed record TdbStatementView
{
    public required string[] DecisionVisibility { get; init; }
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
    public string? IncompatibleContentIllegal { get; init; }
    public required string[] ContentType { get; init; }
    public string? ContentTypeOther { get; init; }
    public required string Category { get; init; }
    public required string[] CategoryAddition { get; init; }
    public required string[] CategorySpecification { get; init; }
    public string? CategorySpecificationOther { get; init; }
    public required string[] TerritorialScope { get; init; }
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
    public required string AutomatedDetection { get; init; }
    public required string AutomatedDecision { get; init; }
    public string? ContentIdEan { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Puid { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? Id { get; init; }
    public required Guid Uuid { get; init; }
    public required string CreatedAt { get; init; }
    public required string PlatformName { get; init; }
    public required string Permalink { get; init; }
    public required string Self { get; init; }

    public enum Shape
    {
        /// <summary>201 of <c>POST /statement</c>: with id and puid.</summary>
        Created,
        /// <summary>An item of the 201 of <c>POST /statements</c>: puid, no id, arrays as sent.</summary>
        BatchItem,
        /// <summary><c>GET /statement/{uuid}</c>: neither id nor puid; arrays de-duplicated and sorted as the TDB's model does on read.</summary>
        Read,
    }

    public static TdbStatementView Of(Decision d, string platformName, string baseUrl, Shape shape)
    {
        string[] Arr(string json) => shape == Shape.Read
            ? TdbStatementRows.Array(json).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray()
            : TdbStatementRows.Array(json);
        return new TdbStatementView
        {
            DecisionVisibility = Arr(d.DecisionVisibility),
            DecisionVisibilityOther = d.DecisionVisibilityOther,
            DecisionMonetary = d.DecisionMonetary,
            DecisionMonetaryOther = d.DecisionMonetaryOther,
            DecisionProvision = d.DecisionProvision,
            DecisionAccount = d.DecisionAccount,
            AccountType = d.AccountType,
            DecisionGround = d.DecisionGround,
            DecisionGroundReferenceUrl = d.DecisionGroundReferenceUrl,
            IllegalContentLegalGround = d.IllegalContentLegalGround,
            IllegalContentExplanation = d.IllegalContentExplanation,
            IncompatibleContentGround = d.IncompatibleContentGround,
            IncompatibleContentExplanation = d.IncompatibleContentExplanation,
            IncompatibleContentIllegal = d.IncompatibleContentIllegal is { } illegal ? TdbStatementRows.YesNo(illegal) : null,
            ContentType = Arr(d.ContentType),
            ContentTypeOther = d.ContentTypeOther,
            Category = d.Category,
            CategoryAddition = Arr(d.CategoryAddition),
            CategorySpecification = Arr(d.CategorySpecification),
            CategorySpecificationOther = d.CategorySpecificationOther,
            TerritorialScope = Arr(d.TerritorialScope),
            ContentLanguage = d.ContentLanguage,
            ContentDate = d.ContentDate,
            ApplicationDate = d.ApplicationDate,
            EndDateVisibilityRestriction = d.EndDateVisibilityRestriction,
            EndDateMonetaryRestriction = d.EndDateMonetaryRestriction,
            EndDateServiceRestriction = d.EndDateServiceRestriction,
            EndDateAccountRestriction = d.EndDateAccountRestriction,
            DecisionFacts = d.DecisionFacts,
            SourceType = d.SourceType,
            SourceIdentity = d.SourceIdentity,
            AutomatedDetection = TdbStatementRows.YesNo(d.AutomatedDetection),
            AutomatedDecision = d.AutomatedDecision,
            ContentIdEan = d.ContentIdEan,
            Puid = shape == Shape.Read ? null : d.Puid,
            Id = shape == Shape.Created ? d.Id : null,
            Uuid = d.Uuid,
            CreatedAt = d.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
            PlatformName = platformName,
            // The public statement page is /decisions/{uuid} in Candor (the TDB's is /statement/{uuid}).
            Permalink = $"{baseUrl}/decisions/{d.Uuid}",
            Self = $"{baseUrl}/api/v1/statement/{d.Uuid}",
        };
    }
}
