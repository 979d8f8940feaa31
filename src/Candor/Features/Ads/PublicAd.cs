namespace Candor.Features.Ads;

public sealed record PublicAdvertiser(string Name, string LegalName, string Country, string VerificationStatus);

public sealed record PublicRange<T>(T? Min, T? Max) where T : struct;

/// <summary>
/// An ad as the public sees it (DSA Art. 39(2)): the one projection behind the public API and pages, so they
/// cannot disagree. It carries no personal data of recipients: ads are aggregate disclosures by construction.
/// </summary>
public sealed record PublicAd(
    long Id,
    string Url,
    string Platform,
    string PlatformAdId,
    PublicAdvertiser Advertiser,
    string OnWhoseBehalf,
    string WhoPaid,
    string? Title,
    string? Body,
    string? LandingUrl,
    string? LandingDomain,
    IReadOnlyList<MediaReference> Media,
    string? Format,
    string? Language,
    string? Product,
    string? Subject,
    DateTimeOffset DeliveryStart,
    DateTimeOffset? DeliveryEnd,
    string Status,
    bool Targeted,
    IReadOnlyList<TargetingCriterion> Targeting,
    long? ReachTotal,
    IReadOnlyDictionary<string, long> ReachByCountry,
    PublicRange<long>? Impressions,
    PublicRange<decimal>? Spend,
    string? Currency,
    bool CommercialCommunication,
    bool ContentWithheld,
    DateTimeOffset FirstReportedAt,
    DateTimeOffset LastUpdatedAt)
{
    /// <summary>
    /// Builds the public view. For a removed ad the content, beneficiary and payer are withheld, as DSA Art. 39(3)
    /// requires for ads removed as illegal or incompatible with the terms; the rest stays visible.
    /// </summary>
    public static PublicAd From(AdRow r)
    {
        var withheld = r.Status == "removed";
        var advertiserName = r.AdvertiserDisplayName ?? r.AdvertiserLegalName;
        return new PublicAd(
            r.Id, $"/ads/{r.Id}", r.PlatformSlug, r.ExternalId,
            new PublicAdvertiser(advertiserName, r.AdvertiserLegalName, r.AdvertiserCountry, r.AdvertiserVerification),
            withheld ? "(withheld)" : r.Beneficiary ?? r.AdvertiserLegalName,
            withheld ? "(withheld)" : r.Payer ?? r.Beneficiary ?? r.AdvertiserLegalName,
            withheld ? null : r.Title,
            withheld ? null : r.Body,
            withheld ? null : r.LandingUrl,
            withheld ? null : r.LandingDomain,
            withheld ? [] : r.Media,
            r.Format, r.Language, r.Product, r.Subject, r.DeliveryStart, r.DeliveryEnd, r.Status,
            r.Targeting.Count > 0, r.Targeting, r.ReachTotal, r.ReachByCountry,
            r.ImpressionsMin is null && r.ImpressionsMax is null ? null : new PublicRange<long>(r.ImpressionsMin, r.ImpressionsMax),
            r.SpendMin is null && r.SpendMax is null ? null : new PublicRange<decimal>(r.SpendMin, r.SpendMax),
            r.Currency, r.CommercialCommunication, withheld, r.CreatedAt, r.UpdatedAt);
    }
}
