using System.Linq.Expressions;
using System.Text.Json;
using Candor.Infrastructure;

namespace Candor.Features.Ads;

/// <summary>One ad as read from storage with its advertiser and platform; the source of every view of an ad.</summary>
public sealed record AdRow(
    long Id, string PlatformSlug, string PlatformName, string ExternalId, string AdvertiserExternalId, string AdvertiserLegalName,
    string? AdvertiserDisplayName, string AdvertiserCountry, string AdvertiserVerification, string? Beneficiary, string? Payer,
    string? Title, string? Body, string? LandingUrl, string? LandingDomain, string MediaJson, string? Format, string? Language,
    string? Product, string? Subject, DateTimeOffset DeliveryStart, DateTimeOffset? DeliveryEnd, string Status,
    string TargetingJson, long? ReachTotal, string ReachByCountryJson, long? ImpressionsMin, long? ImpressionsMax,
    decimal? SpendMin, decimal? SpendMax, string? Currency, bool CommercialCommunication, DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static IQueryable<AdRow> Select(IQueryable<Ad> ads, IQueryable<Platforms.Platform> platforms) =>
        from a in ads
        join p in platforms on a.PlatformId equals p.Id
        select new AdRow(
            a.Id, p.Slug, p.Name, a.ExternalId, a.Advertiser!.ExternalId, a.Advertiser.LegalName, a.Advertiser.DisplayName,
            a.Advertiser.Country, a.Advertiser.VerificationStatus, a.Beneficiary, a.Payer, a.Title, a.Body, a.LandingUrl,
            a.LandingDomain, a.MediaJson, a.Format, a.Language, a.Product, a.Subject, a.DeliveryStart, a.DeliveryEnd, a.Status,
            a.TargetingJson, a.ReachTotal, a.ReachByCountryJson, a.ImpressionsMin, a.ImpressionsMax, a.SpendMin, a.SpendMax,
            a.Currency, a.CommercialCommunication, a.CreatedAt, a.UpdatedAt);

    public IReadOnlyList<MediaReference> Media => Read<List<MediaReference>>(MediaJson) ?? [];
    public IReadOnlyList<TargetingCriterion> Targeting => Read<List<TargetingCriterion>>(TargetingJson) ?? [];
    public IReadOnlyDictionary<string, long> ReachByCountry => Read<Dictionary<string, long>>(ReachByCountryJson) ?? [];

    private static T? Read<T>(string json) => JsonSerializer.Deserialize<T>(json, CandorJson.Output);

    /// <summary>The record as the platform submitted it (after trimming and normalising).</summary>
    public AdInput ToInput() => new(
        ExternalId, AdvertiserExternalId, Title, Body, LandingUrl, Media, Format, Language, Product, Subject,
        DeliveryStart, DeliveryEnd, Beneficiary, Payer, Enum.Parse<AdStatus>(Status, ignoreCase: true), Targeting,
        ReachTotal, ReachByCountry, ImpressionsMin, ImpressionsMax, SpendMin, SpendMax, Currency, CommercialCommunication);
}
