using System.Diagnostics;
using Candor.Features.Demo;
using Candor.Infrastructure;

namespace Candor.Tests.Demo;

public sealed class DemoPublicAdsTests
{
    [Fact]
    public void Load_returns_every_well_formed_sample_ad_valid_with_unique_ids_in_well_under_a_few_seconds()
    {
        DemoPublicAds.LoadWithReport(); // JIT and the code page tables, which serve starts pay once
        var watch = Stopwatch.StartNew();
        var (advertisers, ads, report) = DemoPublicAds.LoadWithReport();
        watch.Stop();

        Assert.Equal(1853, report.Guardian.Records);
        Assert.Equal(9, report.Guardian.MalformedSkipped);
        Assert.Equal(1844, report.Guardian.Ads);
        Assert.Equal(20, report.ProPublicaAds);
        Assert.Equal(1, report.MetaAds);
        Assert.Equal(1844 + 20 + 1, ads.Count);
        Assert.Equal(ads.Count, ads.Select(a => a.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(advertisers.Count, advertisers.Select(a => a.Id).Distinct(StringComparer.Ordinal).Count());
        var advertiserIds = advertisers.Select(a => a.Id!).ToHashSet(StringComparer.Ordinal);
        Assert.All(ads, a => Assert.Contains(a.AdvertiserId!, advertiserIds));
        var errors = new FieldErrors();
        for (var i = 0; i < ads.Count; i++) ads[i].Validate($"ads[{i}].", errors);
        for (var i = 0; i < advertisers.Count; i++) advertisers[i].Validate($"advertisers[{i}].", errors);
        Assert.False(errors.Any, string.Join("; ", errors.Describe().Take(5)));
        // About 0.15 s on an idle machine; the bound leaves room for a busy shared CI machine.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"Loading took {watch.Elapsed}");
    }

    [Fact]
    public void Repaired_text_has_no_mojibake_left_and_the_count_is_reported()
    {
        var (_, ads, report) = DemoPublicAds.LoadWithReport();

        Assert.Equal(1138, report.Guardian.MojibakeRowsRepaired);
        Assert.Equal(1405, report.Guardian.MojibakeFieldsRepaired);
        Assert.DoesNotContain(ads, a => MacRomanMojibake.Markers(a.Body ?? "") > 0 || MacRomanMojibake.Markers(a.Title ?? "") > 0);
        var guitarists = ads.Single(a => a.Id == "975733956964675");
        Assert.Contains("I\u2019m here to help women and non-binary folks", guitarists.Body);
        Assert.Equal(new DateTimeOffset(2023, 8, 30, 0, 0, 0, TimeSpan.Zero), GuardianAds.CampaignStart);
        Assert.InRange(guitarists.DeliveryStart!.Value, GuardianAds.CampaignStart, new DateTimeOffset(2023, 10, 14, 0, 0, 0, TimeSpan.Zero));
        Assert.InRange(guitarists.DeliveryEnd!.Value, guitarists.DeliveryStart.Value, new DateTimeOffset(2023, 10, 14, 0, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void The_Meta_record_keeps_payer_ranges_currency_and_dates()
    {
        var ad = DemoPublicAds.Load().Ads.Single(a => a.Id == "679808276335343");

        Assert.Equal("Bloomberg Philanthropies", ad.Payer);
        Assert.Equal((300m, 399m, "USD"), (ad.SpendMin, ad.SpendMax, ad.Currency));
        Assert.Equal((10_000L, 14_999L), (ad.ImpressionsMin, ad.ImpressionsMax));
        Assert.Equal(new DateTimeOffset(2021, 12, 8, 0, 0, 0, TimeSpan.Zero), ad.DeliveryStart);
        Assert.Equal(new DateTimeOffset(2021, 12, 20, 0, 0, 0, TimeSpan.Zero), ad.DeliveryEnd);
        Assert.Equal("en", ad.Language);
        Assert.Empty(ad.ReachByCountry!); // delivery_by_region names US states, not countries
    }

    [Fact]
    public void ProPublica_ads_carry_their_targeting_and_plain_text()
    {
        var ads = DemoPublicAds.Load().Ads;

        var aaas = ads.Single(a => a.Id == "23842736650480676");
        Assert.Equal("If you love science as much as we do, join AAAS and stay up-to-date on science news throughout the year.", aaas.Body);
        Assert.Contains(aaas.Targeting!, t => t.Category == Candor.Features.Ads.TargetingCategory.Interest && t.Values!.Contains("Global warming"));
        Assert.DoesNotContain(ads, a => a.Body?.Contains('<') == true && a.Body.Contains("</p>", StringComparison.Ordinal));
    }
}
