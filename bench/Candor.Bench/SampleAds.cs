using System.Text;
using Candor.Features.Ads;
using Candor.Features.Advertisers;

namespace Candor.Bench;

/// <summary>
/// Deterministic, realistic ingestion records: creative text of 200-600 characters with some accented words,
/// a few targeting criteria, reach in several Member States. Same seed, same records.
/// </summary>
public static class SampleAds
{
    public const int AdvertiserCount = 200;

    private static readonly string[] Words =
    [
        "waterproof", "jacket", "summer", "sale", "délai", "Größe", "naturel", "offer", "repairable", "organic", "coffee",
        "subscription", "free", "delivery", "Europe", "électrique", "bicycle", "insurance", "mortgage", "energy", "heat",
        "pump", "vote", "candidate", "election", "programme", "Zukunft", "città", "holiday", "flights", "streaming",
        "series", "premiere", "learn", "course", "language", "smartphone", "camera", "battery", "week", "limited", "today",
        "família", "saúde", "local", "market", "fresh", "bread", "union", "workers", "climate", "policy", "school", "årets",
    ];

    private static readonly string[] Countries = ["DE", "FR", "IT", "ES", "PL", "NL", "BE", "AT", "SE", "IE", "PT", "DK", "FI", "CZ"];
    private static readonly string[] Languages = ["de", "fr", "it", "es", "pl", "nl", "en", "sv", "pt"];

    public static string AdId(int i) => $"ad-{i:D7}";

    public static string AdvertiserId(int i) => $"adv-{i % AdvertiserCount:D4}";

    public static List<AdvertiserInput> Advertisers() =>
        Enumerable.Range(0, AdvertiserCount)
            .Select(i => new AdvertiserInput(AdvertiserId(i), $"Advertiser {i} GmbH", $"Brand {i}", Countries[i % Countries.Length],
                [new RegistrationId("HRB", $"HRB {10_000 + i}")], VerificationStatus.Verified))
            .ToList();

    public static List<AdInput> Ads(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(i => Ad(i, random)).ToList();
    }

    /// <summary>The same ad with a new title, so a resubmission is an update.</summary>
    public static AdInput Changed(AdInput ad) => ad with { Title = ad.Title + " (new)" };

    private static AdInput Ad(int i, Random random)
    {
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(random.Next(0, 500_000));
        var countries = Countries.OrderBy(_ => random.Next()).Take(random.Next(1, 7)).ToList();
        var reach = countries.ToDictionary(c => c, _ => (long)random.Next(100, 2_000_000));
        var spendMin = random.Next(100, 10_000);
        return new AdInput(
            Id: AdId(i),
            AdvertiserId: AdvertiserId(i),
            Title: Text(random, 20, 80),
            Body: Text(random, 200, 600),
            LandingUrl: $"https://shop{i % 500}.example.eu/campaign/{i}?utm_source=candor",
            Media: [new MediaReference(MediaType.Image, $"https://cdn.example.eu/creative/{i}.jpg")],
            Format: random.Next(2) == 0 ? "image" : "carousel",
            Language: Languages[random.Next(Languages.Length)],
            Product: Text(random, 10, 40),
            Subject: null,
            DeliveryStart: start,
            DeliveryEnd: start.AddDays(random.Next(1, 60)),
            Beneficiary: $"Advertiser {i % AdvertiserCount} GmbH",
            Payer: $"Holding {i % 50} SE",
            Status: random.Next(3) == 0 ? AdStatus.Ended : AdStatus.Active,
            Targeting:
            [
                new TargetingCriterion(TargetingCategory.Age, null, ["25-34", "35-44"], TargetingMode.Included),
                new TargetingCriterion(TargetingCategory.Location, "country", countries, TargetingMode.Included),
                new TargetingCriterion(TargetingCategory.Interest, null, [Words[random.Next(Words.Length)], Words[random.Next(Words.Length)]],
                    random.Next(4) == 0 ? TargetingMode.Excluded : TargetingMode.Included),
            ],
            ReachTotal: reach.Values.Sum(),
            ReachByCountry: reach,
            ImpressionsMin: 1_000,
            ImpressionsMax: 5_000,
            SpendMin: spendMin,
            SpendMax: spendMin + 499.99m,
            Currency: "EUR",
            CommercialCommunication: true);
    }

    private static string Text(Random random, int min, int max)
    {
        var length = random.Next(min, max + 1);
        var builder = new StringBuilder(length + 16);
        while (builder.Length < length)
        {
            if (builder.Length > 0) builder.Append(' ');
            builder.Append(Words[random.Next(Words.Length)]);
        }
        return builder.ToString(0, length).TrimEnd();
    }
}
