namespace Candor.Features.Advertisers;

public sealed class Advertiser
{
    public long Id { get; set; }
    public long PlatformId { get; set; }
    /// <summary>The platform's own id for this advertiser; unique per platform.</summary>
    public required string ExternalId { get; set; }
    public required string LegalName { get; set; }
    public string? DisplayName { get; set; }
    public required string Country { get; set; }
    /// <summary>JSON array of <c>{scheme, value}</c>.</summary>
    public required string RegistrationIdsJson { get; set; }
    public required string VerificationStatus { get; set; }
    /// <summary>Where notices of decisions go. Private: never in a public page, API, dump or export.</summary>
    public string? ContactEmail { get; set; }
    /// <summary>Legal and display name folded for case- and accent-insensitive search.</summary>
    public required string NameSearch { get; set; }
    /// <summary>Hash of the submitted record, so a resubmission can be recognised as unchanged.</summary>
    public required string ContentHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
