using Candor.Features.Ads;
using Candor.Features.Advertisers;

namespace Candor.Features.Demo;

/// <summary>Real public ads from ad-library samples, repaired. Filled in by the demo-data work.</summary>
public static class DemoPublicAds
{
    public static (List<AdvertiserInput> Advertisers, List<AdInput> Ads) Load() => ([], []);
}
