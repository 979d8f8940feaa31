using System.Diagnostics;
using System.Text.Json;
using Candor.Features.Ads;
using Candor.Infrastructure;

namespace Candor.Bench;

/// <summary>
/// <c>stages</c>: the CPU cost of each step of POST /api/v1/ads for one 1,000-ad batch, without HTTP or a
/// database, to see where the API spends what the raw insert does not.
/// </summary>
public static class StageTimings
{
    public static void Run(int rounds, TextWriter output)
    {
        var ads = SampleAds.Ads(AdLimits.BatchSize, seed: 39);
        var body = JsonSerializer.SerializeToUtf8Bytes(ads, CandorJson.Output);
        var now = TimeProvider.System.GetUtcNow();
        var stages = new (string Name, Action Step)[]
        {
            ("deserialize body", () => JsonSerializer.Deserialize<List<AdInput?>>(body, CandorJson.Strict)),
            ("validate", () => BatchValidation.Validate(ads, (r, prefix, e) => r.Validate(prefix, e), r => r.Id)),
            ("normalise", () => ads.ForEach(a => a.Normalised())),
            ("content hash and JSON columns", () => ads.ForEach(a => SerialisedAd.Of(a))),
            ("row values (search text, domain)", () => ads.ForEach(a => UpsertAds.NewAd(1, a, 1, new SerialisedAd("", "", "", ""), now))),
        };
        output.WriteLine($"CPU per 1,000-ad batch ({body.Length / 1024:N0} KiB of JSON), median of {rounds} runs after warm-up:");
        Report(stages, rounds, output, "N1");
    }

    /// <summary>Each stage's median time over <paramref name="rounds"/> runs, after 50 runs of warm-up.</summary>
    public static void Report(IEnumerable<(string Name, Action Step)> stages, int rounds, TextWriter output, string format)
    {
        foreach (var (name, step) in stages)
        {
            for (var i = 0; i < 50; i++) step();
            var times = Enumerable.Range(0, rounds).Select(_ =>
            {
                var watch = Stopwatch.StartNew();
                step();
                return watch.Elapsed.TotalMilliseconds;
            }).Order().ToList();
            output.WriteLine($"  {name,-40} {times[times.Count / 2].ToString(format, System.Globalization.CultureInfo.InvariantCulture),8} ms");
        }
    }
}
