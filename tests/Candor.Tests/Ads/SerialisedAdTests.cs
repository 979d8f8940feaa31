using System.Text.Json;
using Candor.Features.Ads;
using Candor.Infrastructure;

namespace Candor.Tests.Ads;

public sealed class SerialisedAdTests
{
    public static TheoryData<AdInput> Records() =>
    [
        new AdInput("ad-1", "adv-1", "Größe \"XL\" <b>", DeliveryStart: new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero)).Normalised(),
        new AdInput("ad-2", "adv-1", Body: "Café ✓ 𝔸\n\ttab", LandingUrl: "https://example.eu/ä?x=1&y=2",
            Media: [new MediaReference(MediaType.Video, "https://cdn.example.eu/v.mp4")], DeliveryStart: new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.FromHours(2)),
            Targeting: [new TargetingCriterion(TargetingCategory.CustomAudience, "list \\ one", ["a\"b", "ü"], TargetingMode.Excluded)],
            ReachByCountry: new Dictionary<string, long> { ["fr"] = 5, ["DE"] = 7 }, SpendMin: 1.50m, SpendMax: 2m, Currency: "eur").Normalised(),
    ];

    [Theory]
    [MemberData(nameof(Records))]
    public void One_serialisation_gives_the_hash_and_columns_that_separate_serialisations_give(AdInput record)
    {
        var serialised = SerialisedAd.Of(record);

        Assert.Equal(ContentHash.Of(record), serialised.Hash);
        Assert.Equal(JsonSerializer.Serialize(record.Media, CandorJson.Output), serialised.MediaJson);
        Assert.Equal(JsonSerializer.Serialize(record.Targeting, CandorJson.Output), serialised.TargetingJson);
        Assert.Equal(JsonSerializer.Serialize(record.ReachByCountry, CandorJson.Output), serialised.ReachByCountryJson);
    }
}
