using Candor.Features.Advertisers;

namespace Candor.Features.Ads;

/// <summary>One ad as the platform reported it: the DSA Art. 39(2) and Art. 26 fields.</summary>
public sealed class Ad
{
    public long Id { get; set; }
    public long PlatformId { get; set; }
    public required string ExternalId { get; set; }
    public long AdvertiserId { get; set; }
    public Advertiser? Advertiser { get; set; }
    public string? Beneficiary { get; set; }
    public string? Payer { get; set; }
    public string? Title { get; set; }
    public string? Body { get; set; }
    public string? LandingUrl { get; set; }
    public string? LandingDomain { get; set; }
    /// <summary>JSON array of <c>{type, url}</c>.</summary>
    public required string MediaJson { get; set; }
    public string? Format { get; set; }
    public string? Language { get; set; }
    public string? Product { get; set; }
    public string? Subject { get; set; }
    public DateTimeOffset DeliveryStart { get; set; }
    public DateTimeOffset? DeliveryEnd { get; set; }
    public required string Status { get; set; }
    /// <summary>JSON array of <c>{category, parameter, values, mode}</c>.</summary>
    public required string TargetingJson { get; set; }
    public long? ReachTotal { get; set; }
    /// <summary>JSON object of ISO country code to reach.</summary>
    public required string ReachByCountryJson { get; set; }
    /// <summary>The reach countries as <c>,DE,FR,</c> so a country filter is one LIKE on both engines.</summary>
    public required string ReachCountries { get; set; }
    public long? ImpressionsMin { get; set; }
    public long? ImpressionsMax { get; set; }
    public decimal? SpendMin { get; set; }
    public decimal? SpendMax { get; set; }
    public string? Currency { get; set; }
    public bool CommercialCommunication { get; set; }
    /// <summary>Creative text folded for search (lowercase, no accents).</summary>
    public required string TextSearch { get; set; }
    /// <summary>Payer name (or the advertiser's when none is given) folded for search.</summary>
    public required string PayerSearch { get; set; }
    public required string ContentHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
