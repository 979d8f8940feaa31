using Candor.Features.Ads;
using Candor.Features.Advertisers;

namespace Candor.Features.Demo;

/// <summary>What loading the public ads did, for the log and the tests.</summary>
public sealed record DemoPublicAdsReport(GuardianReport Guardian, int ProPublicaAds, int MetaAds);

/// <summary>
/// Real public ads from ad-library samples, repaired (see Features/Demo/Data/README.md): Meta ads from The
/// Guardian's 2023 Voice referendum project (AU), ProPublica's collector fixture with targeting (US) and one
/// complete Meta Ad Library API record with payer, spend and impressions (US).
/// </summary>
public static class DemoPublicAds
{
    public static (List<AdvertiserInput> Advertisers, List<AdInput> Ads) Load()
    {
        var (advertisers, ads, _) = LoadWithReport();
        return (advertisers, ads);
    }

    public static (List<AdvertiserInput> Advertisers, List<AdInput> Ads, DemoPublicAdsReport Report) LoadWithReport()
    {
        using var guardianFile = DemoResources.Open(DemoResources.GuardianAds);
        var (advertisers, ads, guardian) = GuardianAds.Load(guardianFile);
        using var proPublicaFile = DemoResources.Open(DemoResources.ProPublicaAds);
        var (proPublicaAdvertisers, proPublicaAds) = ProPublicaAds.Load(proPublicaFile);
        using var metaFile = DemoResources.Open(DemoResources.MetaExample);
        var (metaAdvertiser, metaAd) = MetaLibraryExample.Load(metaFile);
        advertisers.AddRange(proPublicaAdvertisers);
        advertisers.Add(metaAdvertiser);
        ads.AddRange(proPublicaAds);
        ads.Add(metaAd);
        return (advertisers, ads, new DemoPublicAdsReport(guardian, proPublicaAds.Count, 1));
    }
}
