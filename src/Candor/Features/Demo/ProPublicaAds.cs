using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Candor.Features.Ads;
using Candor.Features.Advertisers;

namespace Candor.Features.Demo;

/// <summary>
/// The 20 ads of ProPublica's Facebook Political Ad Collector test fixture (propublica-fbpac-test-ads.json): ads US
/// volunteers saw in January 2018, with the targeting Facebook explained to them. The message is Facebook's HTML.
/// </summary>
public static class ProPublicaAds
{
    public const string Source = "fbpac";

    public static (List<AdvertiserInput> Advertisers, List<AdInput> Ads) Load(Stream json)
    {
        var file = JsonSerializer.Deserialize<FileShape>(json, Options) ?? throw new InvalidDataException("empty ProPublica file");
        var advertisers = new Dictionary<string, AdvertiserInput>(StringComparer.Ordinal);
        var ads = new List<AdInput>();
        foreach (var ad in file.Ads)
        {
            // `title` is the page's name; `advertiser` repeats it, or is null where the targeting was not collected.
            var pageName = DemoText.Name(ad.Title ?? ad.Advertiser) ?? "(unnamed page)";
            var advertiserId = AdLibraryIds.Advertiser(Source, null, pageName);
            advertisers.TryAdd(advertiserId, new AdvertiserInput(advertiserId, pageName, null, "US", [], VerificationStatus.Unverified));
            ads.Add(ToAd(ad, advertiserId));
        }
        return ([.. advertisers.Values], ads);
    }

    private static AdInput ToAd(AdShape ad, string advertiserId)
    {
        // The collector saw the ad first at created_at and last at updated_at: the only delivery period on record.
        var seen = DateTimeOffset.Parse(ad.CreatedAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        var lastSeen = DateTimeOffset.Parse(ad.UpdatedAt ?? ad.CreatedAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        var images = (ad.Images ?? []).Where(u => Uri.IsWellFormedUriString(u, UriKind.Absolute))
            .Take(AdLimits.MediaItems).Select(u => new MediaReference(MediaType.Image, u)).ToList();
        return new AdInput(ad.Id, advertiserId,
            Body: DemoText.Fit(FacebookHtml.ToPlainText(ad.Message ?? ""), AdLimits.Body),
            Media: images,
            Format: images.Count > 0 ? "image" : "text",
            Language: LanguageCode(ad.Lang),
            DeliveryStart: seen, DeliveryEnd: lastSeen < seen ? seen : lastSeen,
            Status: AdStatus.Ended,
            Targeting: ProPublicaTargets.ToCriteria(ad.Targets ?? []),
            ReachByCountry: new Dictionary<string, long>(), CommercialCommunication: false);
    }

    /// <summary>`en-US` → `en`: the ISO 639-1 part of a language tag; English when there is none.</summary>
    public static string LanguageCode(string? tag)
    {
        var primary = tag?.Split('-', '_')[0].Trim().ToLowerInvariant();
        return primary is { Length: 2 } && Infrastructure.IsoCodes.Languages.Contains(primary) ? primary : "en";
    }

    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private sealed record FileShape(List<AdShape> Ads);

    private sealed record AdShape(
        string Id, string? Title, string? Message, string CreatedAt, string? UpdatedAt, string? Lang,
        List<string>? Images, string? Advertiser, List<ProPublicaTarget>? Targets);
}
