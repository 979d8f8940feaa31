using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Candor.Features.Ads;
using Candor.Features.Advertisers;
using Candor.Features.Policies;
using Candor.Features.Rules;
using Candor.Features.Screening.Lists;
using Candor.Features.Screening.Matching;
using Candor.Infrastructure;

namespace Candor.Bench;

/// <summary>
/// <c>candor-bench rules [--ads N]</c>: ads evaluated per second on one thread against the sample catalogue
/// (<c>policies/</c>), compared in the same run with only deserialising the same NDJSON lines. Screening rules run
/// in a second pass against an in-memory screening index, so their cost shows separately.
/// </summary>
public static class RulesBenchmark
{
    public static int Run(int count, TextWriter output)
    {
        var root = FindRoot();
        var (catalogue, errors) = CatalogueReader.ReadDirectory(Path.Combine(root, "policies"));
        if (catalogue is null) { foreach (var e in errors) output.WriteLine(e); return 1; }
        var rules = new RuleSet(catalogue);
        var advertisers = SampleAds.Advertisers().ToDictionary(a => a.Id!, StringComparer.Ordinal);
        var lines = SampleAds.Ads(count, seed: 7).Select(a => Encoding.UTF8.GetBytes(JsonSerializer.Serialize(a, CandorJson.Output))).ToArray();
        var screening = new IndexFindings(SyntheticList(10_000, advertisers.Values));
        output.WriteLine($"{rules.RuleCount} rules in {catalogue.Policies.Count} policies; {count:N0} ads; one thread");

        for (var round = 0; round < 2; round++) // first round warms up the JIT; the second is reported
        {
            var deserialise = Time(() => { foreach (var line in lines) Deserialise(line); });
            var hits = 0;
            var evaluate = Time(() => { foreach (var line in lines) hits += Evaluate(rules, line, advertisers, null); });
            var screeningHits = 0;
            var withScreening = Time(() => { foreach (var line in lines) screeningHits += Evaluate(rules, line, advertisers, screening); });
            if (round == 0) continue;
            output.WriteLine($"| deserialise only | {Rate(count, deserialise)} ads/s |");
            output.WriteLine($"| deserialise + evaluate, no screening findings | {Rate(count, evaluate)} ads/s | {hits:N0} hits |");
            output.WriteLine($"| evaluation alone (difference) | {Rate(count, evaluate - deserialise)} ads/s |");
            output.WriteLine($"| deserialise + evaluate with screening (index of 10,000 names, searched per ad) | {Rate(count, withScreening)} ads/s | {screeningHits:N0} hits |");
        }
        return 0;
    }

    private static AdInput Deserialise(byte[] line) => JsonSerializer.Deserialize<AdInput>(line, CandorJson.Strict)!;

    private static int Evaluate(RuleSet rules, byte[] line, Dictionary<string, AdvertiserInput> advertisers, IScreeningFindings? screening)
    {
        var ad = Deserialise(line);
        return rules.Evaluate(new RuleInput(ad, advertisers.GetValueOrDefault(ad.AdvertiserId!), screening)).Count;
    }

    private static TimeSpan Time(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed;
    }

    private static string Rate(int count, TimeSpan elapsed) =>
        (count / Math.Max(elapsed.TotalSeconds, 1e-9)).ToString("N0", System.Globalization.CultureInfo.InvariantCulture);

    private static ScreeningIndex SyntheticList(int size, IEnumerable<AdvertiserInput> advertisers)
    {
        var random = new Random(11);
        string[] syllables = ["ka", "lo", "mir", "tan", "sev", "ro", "bel", "dun", "gar", "ish", "nov", "pet", "zur", "al", "om"];
        string Name() => string.Concat(Enumerable.Range(0, random.Next(2, 4)).Select(_ => syllables[random.Next(syllables.Length)]));
        var entries = Enumerable.Range(0, size).Select(i => new ListEntry("sanctions", $"S-{i}", $"{Name()} {Name()} Trading LLC",
            EntityType.Organization, [], [], [], [])).ToList();
        // A few advertisers are on the list, so the screening rules do fire.
        entries.AddRange(advertisers.Take(5).Select((a, i) => new ListEntry("sanctions", $"A-{i}", a.LegalName!, EntityType.Organization, [], [], [], [])));
        return ScreeningIndex.Build(entries);
    }

    /// <summary>Screens the party's name on every call, as a service without stored findings would; stored findings cost a lookup instead.</summary>
    private sealed class IndexFindings(ScreeningIndex index) : IScreeningFindings
    {
        public IReadOnlyList<ScreeningFinding> Findings(RuleInput input, ScreenedParty party, string list)
        {
            var name = party switch
            {
                ScreenedParty.Advertiser => input.Advertiser?.LegalName,
                ScreenedParty.Payer => input.Ad?.Payer,
                _ => input.Ad?.Beneficiary,
            };
            if (string.IsNullOrWhiteSpace(name) || list != "sanctions") return [];
            return index.Search(new ScreeningQuery(name, MinScore: 0.5, Limit: 5)).Matches
                .Select(m => new ScreeningFinding(m.List, m.SourceId, m.PrimaryName, m.Score)).ToList();
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Candor.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Candor.slnx not found");
    }
}
