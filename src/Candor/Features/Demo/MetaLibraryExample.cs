using System.Globalization;
using System.Text.Json;
using Candor.Features.Ads;
using Candor.Features.Advertisers;

namespace Candor.Features.Demo;

/// <summary>
/// One complete Meta Ad Library API record (meta-ad-library-api-example.json), with the API's shapes: numbers as
/// strings, spend and impressions as bounds, dates without a time. `delivery_by_region` holds US states, which
/// are not countries, so it is not reach per country: the whole delivery was in the US, but its reach is not given.
/// `publisher_platforms` (Instagram) is where it ran, not its format, and `demographic_distribution` describes
/// delivery, not targeting; neither has a field in Candor's model, so both are left out.
/// </summary>
public static class MetaLibraryExample
{
    public const string Source = "meta-us";

    public static (AdvertiserInput Advertiser, AdInput Ad) Load(Stream json)
    {
        var r = JsonSerializer.Deserialize<Record>(json, Options) ?? throw new InvalidDataException("empty Meta example");
        var pageName = DemoText.Name(r.PageName) ?? "(unnamed page)";
        var advertiserId = AdLibraryIds.Advertiser(Source, r.PageId, pageName);
        var registration = r.PageId is { Length: > 0 } page ? new List<RegistrationId> { new("facebook_page_id", page) } : [];
        var advertiser = new AdvertiserInput(advertiserId, pageName, null, "US", registration, VerificationStatus.Unverified);
        var (spendMin, spendMax) = Range(r.Spend);
        var (impressionsMin, impressionsMax) = Range(r.Impressions);
        var ad = new AdInput(r.Id, advertiserId,
            Body: DemoText.Fit(string.Join("\n\n", r.AdCreativeBodies ?? []), AdLimits.Body),
            LandingUrl: LandingPage.FromCaption(r.AdCreativeLinkCaptions?.FirstOrDefault()),
            Language: ProPublicaAds.LanguageCode(r.Languages?.FirstOrDefault()),
            DeliveryStart: Day(r.AdDeliveryStartTime), DeliveryEnd: r.AdDeliveryStopTime is null ? null : Day(r.AdDeliveryStopTime),
            Payer: DemoText.Name(r.Bylines),
            Status: r.AdDeliveryStopTime is null ? AdStatus.Active : AdStatus.Ended,
            Targeting: [], ReachByCountry: new Dictionary<string, long>(),
            ImpressionsMin: (long?)impressionsMin, ImpressionsMax: (long?)impressionsMax,
            SpendMin: spendMin, SpendMax: spendMax, Currency: spendMin is null && spendMax is null ? null : r.Currency,
            CommercialCommunication: false);
        return (advertiser, ad);
    }

    /// <summary>The API's `{"lower_bound": "300", "upper_bound": "399"}`; a missing or unreadable bound is null.</summary>
    public static (decimal? Min, decimal? Max) Range(Bounds? bounds) => (Number(bounds?.LowerBound), Number(bounds?.UpperBound));

    private static decimal? Number(string? text) =>
        decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static DateTimeOffset Day(string date) =>
        DateTimeOffset.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public sealed record Bounds(string? LowerBound, string? UpperBound);

    private sealed record Record(
        [property: System.Text.Json.Serialization.JsonPropertyName("_id")] string Id,
        string? PageId, string? PageName, List<string>? AdCreativeBodies, List<string>? AdCreativeLinkCaptions,
        string AdDeliveryStartTime, string? AdDeliveryStopTime, string? Bylines, string? Currency,
        Bounds? Spend, Bounds? Impressions, List<string>? Languages);
}
