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
    public static int Run(int count, bool byRule, TextWriter output)
    {
        // One core means the workstation collector: the bench project turns on the server collector for the HTTP
        // benchmarks, whose GC threads would run beside this one thread (and, on a busy machine, stall it at every
        // collection). So this benchmark runs itself again in a process with the workstation collector.
        if (System.Runtime.GCSettings.IsServerGC) return RunWithWorkstationGc(output);

        var root = FindRoot();
        var (catalogue, errors) = CatalogueReader.ReadDirectory(Path.Combine(root, "policies"));
        if (catalogue is null) { foreach (var e in errors) output.WriteLine(e); return 1; }
        var rules = new RuleSet(catalogue);
        var advertisers = SampleAds.Advertisers().ToDictionary(a => a.Id!, StringComparer.Ordinal);
        var lines = SampleAds.Ads(count, seed: 7).Select(a => Encoding.UTF8.GetBytes(JsonSerializer.Serialize(a, CandorJson.Output))).ToArray();
        var screening = new IndexFindings(SyntheticList(10_000, advertisers.Values));
        output.WriteLine($"{rules.RuleCount} rules in {catalogue.Policies.Count} policies; {count:N0} ads; one thread, workstation GC; wall time and process CPU time");
        if (byRule) return ByRule(catalogue, lines, advertisers, output);

        var results = new List<(Measure Deserialise, Measure Evaluate, Measure Screening, int Hits, int ScreeningHits)>();
        for (var round = 0; round < 4; round++) // the first round warms up the JIT and is not reported
        {
            var deserialise = Time(() => { foreach (var line in lines) Deserialise(line); });
            var hits = 0;
            var evaluate = Time(() => { foreach (var line in lines) hits += Evaluate(rules, line, advertisers, null); });
            var screeningHits = 0;
            var withScreening = Time(() => { foreach (var line in lines) screeningHits += Evaluate(rules, line, advertisers, screening); });
            if (round > 0) results.Add((deserialise, evaluate, withScreening, hits, screeningHits));
        }
        var median = results.OrderBy(r => r.Evaluate.Cpu).ElementAt(results.Count / 2);
        output.WriteLine("| phase | ads/s (wall) | ads per CPU-second | bytes allocated per ad | GC pause | hits |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|");
        output.WriteLine($"| deserialise only (baseline) | {Rate(count, median.Deserialise.Wall)} | {Rate(count, median.Deserialise.Cpu)} | {median.Deserialise.Allocated / count:N0} | {median.Deserialise.GcPause.TotalMilliseconds:N0} ms | |");
        output.WriteLine($"| deserialise + evaluate, no screening findings | {Rate(count, median.Evaluate.Wall)} | {Rate(count, median.Evaluate.Cpu)} | {median.Evaluate.Allocated / count:N0} | {median.Evaluate.GcPause.TotalMilliseconds:N0} ms | {median.Hits:N0} |");
        output.WriteLine($"| evaluation alone (difference) | {Rate(count, median.Evaluate.Wall - median.Deserialise.Wall)} | {Rate(count, median.Evaluate.Cpu - median.Deserialise.Cpu)} | {(median.Evaluate.Allocated - median.Deserialise.Allocated) / count:N0} | | |");
        output.WriteLine($"| deserialise + evaluate with screening (index of 10,000 names, searched per ad) | {Rate(count, median.Screening.Wall)} | {Rate(count, median.Screening.Cpu)} | {median.Screening.Allocated / count:N0} | {median.Screening.GcPause.TotalMilliseconds:N0} ms | {median.ScreeningHits:N0} |");
        output.WriteLine($"ratio, evaluate with deserialise / deserialise only (CPU): {median.Deserialise.Cpu / median.Evaluate.Cpu:P0}; median of {results.Count} rounds by CPU time");
        return 0;
    }

    /// <summary>
    /// Where the time goes: the cost of preparing each ad's text (folding, the landing domain), then each rule's fast
    /// path over inputs whose text is already prepared. For policy authors (which rule is expensive) and for tuning.
    /// </summary>
    private static int ByRule(PolicyCatalogue catalogue, byte[][] lines, Dictionary<string, AdvertiserInput> advertisers, TextWriter output)
    {
        var inputs = lines.Select(Deserialise).Select(ad => new RuleInput(ad, advertisers.GetValueOrDefault(ad.AdvertiserId!))).ToArray();
        var prepare = Time(() => { foreach (var input in inputs) foreach (var field in Enum.GetValues<RuleField>()) input.Text(field); });
        output.WriteLine($"| prepare: every field read and folded | {Rate(inputs.Length, prepare.Cpu)} ads per CPU-second |");
        var bodies = inputs.Select(i => i.Ad!.Body!).ToArray();
        var foldOnly = Time(() => { foreach (var b in bodies) SearchText.Fold(b); });
        var foldedBodies = bodies.Select(b => SearchText.Fold(b)).ToArray();
        var splitOnly = Time(() => { foreach (var b in foldedBodies) FoldedText.Split(b); });
        output.WriteLine($"|   body: SearchText.Fold {foldOnly.Cpu.TotalMicroseconds * 1000 / bodies.Length:N0} ns, split {splitOnly.Cpu.TotalMicroseconds * 1000 / bodies.Length:N0} ns, {bodies.Average(b => b.Length):N0} chars |");
        foreach (var field in Enum.GetValues<RuleField>())
        {
            var fresh = lines.Select(Deserialise).Select(ad => new RuleInput(ad, advertisers.GetValueOrDefault(ad.AdvertiserId!))).ToArray();
            var read = Time(() => { foreach (var input in fresh) input.Raw(field); });
            var fold = Time(() => { foreach (var input in fresh) input.Text(field); });
            output.WriteLine($"|   {RuleFields.Name(field)} | read {read.Cpu.TotalMicroseconds * 1000 / fresh.Length:N0} ns {read.Allocated / fresh.Length:N0} B, fold {fold.Cpu.TotalMicroseconds * 1000 / fresh.Length:N0} ns {fold.Allocated / fresh.Length:N0} B per ad |");
        }
        var rules = catalogue.Policies.SelectMany(p => p.Clauses.SelectMany(c => c.Rules)).Where(r => r.AppliesTo == RuleSubjectKind.Ad).ToList();
        var costs = new List<(string Rule, Measure Time)>();
        for (var round = 0; round < 2; round++)
        {
            costs.Clear();
            foreach (var rule in rules)
                costs.Add((rule.Id, Time(() => { foreach (var input in inputs) rule.Compiled.Test(input); })));
        }
        foreach (var (rule, time) in costs.OrderByDescending(c => c.Time.Cpu))
            output.WriteLine($"| {rule} | {time.Cpu.TotalMicroseconds * 1000 / inputs.Length:N0} ns, {time.Allocated / inputs.Length:N0} B per ad |");
        output.WriteLine($"| all ad rules | {costs.Sum(c => c.Time.Cpu.TotalMicroseconds) * 1000 / inputs.Length:N0} ns per ad |");
        return 0;
    }

    private static int RunWithWorkstationGc(TextWriter output)
    {
        var args = Environment.GetCommandLineArgs();
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        // Under `dotnet x.dll`, the first argument is the dll; under the apphost it is the apphost itself.
        if (args[0].EndsWith(".dll", StringComparison.OrdinalIgnoreCase)) start.ArgumentList.Add(args[0]);
        foreach (var arg in args.Skip(1)) start.ArgumentList.Add(arg);
        start.Environment["DOTNET_gcServer"] = "0";
        using var child = Process.Start(start)!;
        while (child.StandardOutput.ReadLine() is { } line) output.WriteLine(line);
        child.WaitForExit();
        return child.ExitCode;
    }

    private readonly record struct Measure(TimeSpan Wall, TimeSpan Cpu, TimeSpan GcPause, long Allocated);

    private static AdInput Deserialise(byte[] line) => JsonSerializer.Deserialize<AdInput>(line, CandorJson.Strict)!;

    private static int Evaluate(RuleSet rules, byte[] line, Dictionary<string, AdvertiserInput> advertisers, IScreeningFindings? screening)
    {
        var ad = Deserialise(line);
        return rules.Evaluate(new RuleInput(ad, advertisers.GetValueOrDefault(ad.AdvertiserId!), screening)).Count;
    }

    // Process CPU time, not the thread's: the garbage collector's threads work for this loop too. The benchmark runs
    // nothing else, so the process's CPU time is the loop's cost on one core, whoever else holds the machine.
    private static Measure Time(Action action)
    {
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var pause = GC.GetTotalPauseDuration();
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        action();
        process.Refresh();
        return new Measure(watch.Elapsed, process.TotalProcessorTime - cpu, GC.GetTotalPauseDuration() - pause,
            GC.GetAllocatedBytesForCurrentThread() - allocated);
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
