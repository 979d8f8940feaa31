using Candor.Data;
using Candor.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Candor.Features.Decisions.Issuing;

/// <summary>The affected party of a decision, as this platform knows it.</summary>
public sealed record DecisionSubject(long AdvertiserId, string AdvertiserExternalId, string LegalName, string? DisplayName, long? AdId, string? AdExternalId, string? AdTitle)
{
    public string Key => TextUseCounts.SubjectKey(AdvertiserId, AdId, "");

    /// <summary>What a template fills in per subject: folded away before texts are compared.</summary>
    public IEnumerable<string?> Terms => [LegalName, DisplayName, AdvertiserExternalId, AdExternalId];

    public string Name => DisplayName ?? LegalName;

    /// <summary>Resolves the platform's ids; unknown ones (or another platform's) are field errors, never a leak of existence.</summary>
    public static async Task<DecisionSubject?> ResolveAsync(CandorDb db, long platformId, string? advertiserId, string? adId, FieldErrors errors, CancellationToken ct)
    {
        var ad = adId is null ? null : await db.Ads.AsNoTracking().Where(a => a.PlatformId == platformId && a.ExternalId == adId)
            .Select(a => new { a.Id, a.ExternalId, a.Title, a.AdvertiserId }).FirstOrDefaultAsync(ct);
        if (adId is not null && ad is null) errors.Add("ad_id", $"This platform has no ad with id '{Ads.Fields.Shorten(adId)}'.");
        var advertiserQuery = db.Advertisers.AsNoTracking().Where(a => a.PlatformId == platformId);
        advertiserQuery = advertiserId is not null ? advertiserQuery.Where(a => a.ExternalId == advertiserId)
            : ad is not null ? advertiserQuery.Where(a => a.Id == ad.AdvertiserId) : advertiserQuery.Where(_ => false);
        var advertiser = await advertiserQuery.Select(a => new { a.Id, a.ExternalId, a.LegalName, a.DisplayName }).FirstOrDefaultAsync(ct);
        if (advertiserId is not null && advertiser is null)
            errors.Add("advertiser_id", $"This platform has no advertiser with id '{Ads.Fields.Shorten(advertiserId)}'.");
        if (advertiser is not null && ad is not null && ad.AdvertiserId != advertiser.Id)
            errors.Add("ad_id", $"Ad '{Ads.Fields.Shorten(ad.ExternalId)}' belongs to another advertiser than '{Ads.Fields.Shorten(advertiser.ExternalId)}'.");
        if (advertiser is null || (adId is not null && ad is null)) return null;
        return new DecisionSubject(advertiser.Id, advertiser.ExternalId, advertiser.LegalName, advertiser.DisplayName, ad?.Id, ad?.ExternalId, ad?.Title);
    }

    /// <summary>The subject of a stored decision.</summary>
    public static async Task<DecisionSubject?> OfAsync(CandorDb db, Decision d, CancellationToken ct)
    {
        if (d.AdvertiserId is null) return null;
        var advertiser = await db.Advertisers.AsNoTracking().Where(a => a.Id == d.AdvertiserId)
            .Select(a => new { a.Id, a.ExternalId, a.LegalName, a.DisplayName }).FirstAsync(ct);
        var ad = d.AdId is null ? null : await db.Ads.AsNoTracking().Where(a => a.Id == d.AdId).Select(a => new { a.Id, a.ExternalId, a.Title }).FirstAsync(ct);
        return new DecisionSubject(advertiser.Id, advertiser.ExternalId, advertiser.LegalName, advertiser.DisplayName, ad?.Id, ad?.ExternalId, ad?.Title);
    }
}
