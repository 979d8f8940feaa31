using Candor.Data;
using Candor.Features.Ads;
using Candor.Features.Advertisers;
using Candor.Features.Decisions.Issuing;
using Candor.Features.Notices;
using Candor.Features.Platforms;
using Microsoft.EntityFrameworkCore;

namespace Candor.Features.Demo;

/// <summary>
/// `serve --demo`: a fictional platform with real public ads (see <see cref="DemoPublicAds"/>) and a small
/// generated set that shows every field of the model. Loaded only into an empty database.
/// </summary>
public static class DemoData
{
    public const string PlatformSlug = "demo-social";

    public static async Task LoadIfEmptyAsync(CandorDb db, TimeProvider clock, ILogger logger, CancellationToken ct,
        BoilerplateOptions? boilerplate = null, NoticeOptions? notices = null)
    {
        if (await db.Platforms.AnyAsync(ct))
        {
            logger.LogInformation("Database already has data; demo data not loaded");
            return;
        }
        var platform = await CreatePlatform.RunAsync(db, clock, "Demo Social (fictional)", PlatformSlug, ct);
        await DemoPolicies.PublishAsync(db, clock, platform.Id, ct);
        var (advertisers, ads) = GeneratedSet(clock.GetUtcNow());
        await Store(db, clock, platform.Id, advertisers, ads, ct);
        var (publicAdvertisers, publicAds, report) = DemoPublicAds.LoadWithReport();
        logger.LogInformation("Demo public ads: {Records} Guardian records, {Malformed} malformed skipped, {Repaired} rows repaired of mojibake; {ProPublica} ProPublica, {Meta} Meta",
            report.Guardian.Records, report.Guardian.MalformedSkipped, report.Guardian.MojibakeRowsRepaired, report.ProPublicaAds, report.MetaAds);
        await Store(db, clock, platform.Id, publicAdvertisers, publicAds, ct);
        var advertiserCount = advertisers.Count + publicAdvertisers.Count;
        var adCount = ads.Count + publicAds.Count;
        await DemoStory.LoadAsync(db, clock, platform.Id, boilerplate ?? new BoilerplateOptions(), notices ?? new NoticeOptions(), logger, ct);
        advertiserCount += 1;
        adCount += DemoStory.Ads(clock.GetUtcNow()).Count;
        logger.LogInformation("Demo data loaded: platform {Slug}, {Advertisers} advertisers, {Ads} ads", PlatformSlug, advertiserCount, adCount);
    }

    private static async Task Store(CandorDb db, TimeProvider clock, long platformId,
        IReadOnlyList<AdvertiserInput> advertisers, IReadOnlyList<AdInput> ads, CancellationToken ct)
    {
        foreach (var chunk in advertisers.Chunk(AdLimits.BatchSize))
            await UpsertAdvertisers.RunAsync(db, clock, platformId, chunk, InvalidRecords.SkipRecord, ct);
        foreach (var chunk in ads.Chunk(AdLimits.BatchSize))
        {
            var result = await UpsertAds.RunAsync(db, clock, platformId, chunk, InvalidRecords.SkipRecord, ct);
            if (result.Errors.Any) throw new InvalidOperationException("Demo data is invalid: " + string.Join("; ", result.Errors.Describe().Take(3)));
        }
    }

    /// <summary>Fictional advertisers and ads that exercise every field: payer ≠ beneficiary, targeting with exclusions, EU reach, ranges.</summary>
    public static (List<AdvertiserInput>, List<AdInput>) GeneratedSet(DateTimeOffset now)
    {
        var advertisers = new List<AdvertiserInput>
        {
            new("gen-northwind", "Northwind Outdoor GmbH", "Northwind", "DE", [new("HRB", "HRB 123456 B")], VerificationStatus.Verified),
            new("gen-lumen", "Lumen Sécurité SAS", "Lumen Security", "FR", [new("SIREN", "552 100 554")], VerificationStatus.Pending),
            new("gen-civic", "Civic Futures Foundation", null, "NL", [], VerificationStatus.Unverified),
        };
        var day = new DateTimeOffset(now.Year, now.Month, now.Day, 0, 0, 0, TimeSpan.Zero);
        var ads = new List<AdInput>
        {
            new("gen-1", "gen-northwind", "Trail shoes for wet Novembers",
                "Waterproof, recycled, repairable. Free returns across the EU.", "https://shop.northwind.example/trail?utm_source=demo",
                [new(MediaType.Image, "https://cdn.northwind.example/trail.jpg")], "image", "de", "Northwind Trail 3", "Outdoor footwear",
                day.AddDays(-20), day.AddDays(-2), "Northwind Outdoor GmbH", "Northwind Retail Holding AG", AdStatus.Ended,
                [
                    new(TargetingCategory.Age, "age_range", ["25-54"], TargetingMode.Included),
                    new(TargetingCategory.Location, "country", ["DE", "AT"], TargetingMode.Included),
                    new(TargetingCategory.Interest, null, ["hiking", "trail running"], TargetingMode.Included),
                    new(TargetingCategory.CustomAudience, "customer_list", ["existing customers"], TargetingMode.Excluded),
                ],
                184_000, new Dictionary<string, long> { ["DE"] = 151_000, ["AT"] = 33_000 }, 200_000, 249_999, 1_000m, 1_499m, "EUR", false),
            new("gen-2", "gen-lumen", "Protect your small business network",
                "Endpoint protection with a human on call. Try it free for 30 days.", "https://lumen.example/try",
                [new(MediaType.Video, "https://cdn.lumen.example/promo.mp4")], "video", "fr", "Lumen Endpoint", "Security software",
                day.AddDays(-5), null, null, null, AdStatus.Active,
                [new(TargetingCategory.Location, "country", ["FR", "BE"], TargetingMode.Included)],
                52_300, new Dictionary<string, long> { ["FR"] = 40_100, ["BE"] = 12_200 }, null, null, null, null, null, false),
            new("gen-3", "gen-civic", "Have your say on the city budget",
                "Public consultation closes Friday. Paid for by Civic Futures Foundation.", "https://civic.example/budget",
                [], "text", "nl", null, "Civic participation", day.AddDays(-12), day.AddDays(-9), null, null, AdStatus.Removed,
                [
                    new(TargetingCategory.Age, "age_range", ["18-24"], TargetingMode.Excluded),
                    new(TargetingCategory.Location, "region", ["Utrecht"], TargetingMode.Included),
                ],
                9_800, new Dictionary<string, long> { ["NL"] = 9_800 }, 10_000, 14_999, null, null, null, false),
            new("gen-4", "gen-northwind", "Repair café this Saturday",
                "Bring your worn boots; our cobblers fix them for free. #sponsored by a creator partner.", "https://northwind.example/repair",
                [new(MediaType.Image, "https://cdn.northwind.example/repair.png")], "branded_content", "en", "Repair service", "Events",
                day.AddDays(-1), day.AddDays(6), "Northwind Outdoor GmbH", null, AdStatus.Active, [],
                null, new Dictionary<string, long>(), null, null, null, null, null, true),
        };
        return (advertisers, ads);
    }
}
