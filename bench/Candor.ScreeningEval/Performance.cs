using System.Diagnostics;
using System.Globalization;
using Candor.Features.Screening.Lists;
using Candor.Features.Screening.Matching;

namespace Candor.ScreeningEval;

/// <summary>
/// Build time and memory of an index over every stored list, and search throughput and latency on one and on all
/// cores, against two baselines measured in the same run: normalising the query alone (the floor) and a brute-force
/// scan that scores the query against every indexed name (what an index must beat).
/// </summary>
internal static class Performance
{
    public static void Run(Options options)
    {
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        Console.WriteLine($"# Screening performance ({Environment.ProcessorCount} cores, .NET {Environment.Version})\n\nLists (parse):");
        Console.WriteLine($"Load average at start (other work on this shared machine): {File.ReadAllText("/proc/loadavg").Trim()}\n");
        var parse = Stopwatch.StartNew();
        var entries = Lists.Load(options.Data, Lists.All);
        Console.WriteLine($"Parse total: {parse.ElapsedMilliseconds} ms for {entries.Count} entries\n");

        ScreeningIndex.Build(entries.Take(2000)); // warm the JIT so that the build below measures the build
        // Round 1 is the first full build in this process (still tiering code up, as a server's first build does); rounds
        // 2 and 3 are rebuilds, as when a list is re-imported. Wall and CPU time both, because the machine is shared.
        Console.WriteLine("| Index build | wall | CPU | GC pause | allocated |\n|---|---:|---:|---:|---:|");
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var index = TimedBuild(entries, null, "round 1 (first build in the process)", out var first);
        var after = GC.GetTotalMemory(forceFullCollection: true);
        var rebuilds = new List<BuildTime>();
        for (var round = 2; round <= 3; round++)
        {
            GC.Collect();
            index = TimedBuild(entries, null, $"round {round} (rebuild)", out var time);
            rebuilds.Add(time);
        }
        // What the server does on a rebuild: the normalised names of the index being replaced are reused by text.
        GC.Collect();
        index = TimedBuild(entries, index, "round 4 (rebuild reusing the previous index's normalised names)", out var reusing);
        Console.WriteLine($"\nIndex: {index.EntryCount} entries, {index.NameCount} names, {index.VocabularyCount} terms. " +
            $"First build {first.WallMs:0} ms wall / {first.CpuMs:0} ms CPU; rebuild best of 2 {rebuilds.Min(r => r.WallMs):0} ms wall / {rebuilds.Min(r => r.CpuMs):0} ms CPU; " +
            $"rebuild reusing normalised names {reusing.WallMs:0} ms wall / {reusing.CpuMs:0} ms CPU. GC: {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}, latency mode {System.Runtime.GCSettings.LatencyMode}.");
        Console.WriteLine($"| Index memory (managed heap growth, entries included) | {(after - before) / 1024.0 / 1024:0.0} MB | working set {Environment.WorkingSet / 1024.0 / 1024:0} MB |\n");

        var tokenizeCpu = Environment.CpuUsage.TotalTime;
        var tokenized = entries.SelectMany(e => e.AllNames()).Sum(n => NameText.Tokenize(n.Name).Length);
        Console.WriteLine($"| of which: normalising every name alone, 1 thread | {(Environment.CpuUsage.TotalTime - tokenizeCpu).TotalMilliseconds:0} ms CPU | {tokenized} tokens |\n");

        var queries = QueryMix(options.Data);
        Console.WriteLine($"Query mix: {queries.Count} names (UN positives with typos, negatives, Congress, advertisers)\n");
        foreach (var q in queries.Take(3000)) index.Search(new ScreeningQuery(q)); // warm-up and tiered JIT

        var normalise = Measure(queries, options.Seconds / 2, 1, q => NameText.Tokenize(q).Length);
        var normaliseTwo = Measure(queries, options.Seconds / 2, Environment.ProcessorCount, q => NameText.Tokenize(q).Length);
        var single = Measure(queries, options.Seconds, 1, q => index.Search(new ScreeningQuery(q)).Matches.Count);
        var both = Measure(queries, options.Seconds, Environment.ProcessorCount, q => index.Search(new ScreeningQuery(q)).Matches.Count);
        Slowest(index, queries);
        var brute = options.BruteForce ? BruteForce(index, entries, queries.Take(20).ToList()) : null;

        var quiet = QuietLatency(index, queries);
        Console.WriteLine("| Measure | Queries/s (wall) | Queries per CPU-second | p50 | p99 | p99.9 | max | allocated per query | GC pause in phase |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        Print("Baseline: normalise the query only, 1 thread", normalise);
        Print($"Baseline: normalise the query only, {Environment.ProcessorCount} threads", normaliseTwo);
        Print("Search, 1 thread", single);
        Print($"Search, {Environment.ProcessorCount} threads", both);
        if (brute is not null) Print("Baseline: brute-force scan of every name, 1 thread (20 queries)", brute);
        Print("Search, 1 thread, best of 3 runs per query (filters preemption by other work)", quiet);
        Console.WriteLine($"\nGC during the run: gen0 {GC.CollectionCount(0)}, gen1 {GC.CollectionCount(1)}, gen2 {GC.CollectionCount(2)}, total pause {GC.GetTotalPauseDuration().TotalMilliseconds:0} ms. Load average at end: {File.ReadAllText("/proc/loadavg").Trim()}");
        if (brute is not null) Console.WriteLine($"\nSearch is {brute.P50 / single.P50:0}× faster than the brute-force scan at p50.");
        Console.WriteLine($"Search costs {single.P50 / normalise.P50:0.0}× normalising the query alone at p50, {normalise.PerCpuSecond / single.PerCpuSecond:0.0}× in CPU time.");
    }

    private sealed record Result(double QueriesPerSecond, double P50, double P99, double Max, double PerCpuSecond = 0,
        double P999 = 0, double AllocatedPerQuery = -1, double GcPauseMs = -1);

    private sealed record BuildTime(double WallMs, double CpuMs);

    private static ScreeningIndex TimedBuild(List<ListEntry> entries, ScreeningIndex? previous, string label, out BuildTime time)
    {
        var cpu = Environment.CpuUsage.TotalTime;
        var pause = GC.GetTotalPauseDuration();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var wall = Stopwatch.StartNew();
        var index = ScreeningIndex.Build(entries, previous);
        wall.Stop();
        time = new BuildTime(wall.Elapsed.TotalMilliseconds, (Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds);
        Console.WriteLine($"| {label} | {time.WallMs:0} ms | {time.CpuMs:0} ms | {(GC.GetTotalPauseDuration() - pause).TotalMilliseconds:0} ms | " +
            $"{(GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1024.0 / 1024:0} MB |");
        return index;
    }

    private static List<string> QueryMix(string data) =>
        EvalSets.People(data, "yente_positives_un_treated.csv").Select(q => q.Name)
            .Concat(EvalSets.People(data, "yente_negatives_global_1k.csv").Select(q => q.Name))
            .Concat(EvalSets.People(data, "yente_negatives_us_1k.csv").Select(q => q.Name))
            .Concat(EvalSets.People(data, "yente_positives_us_congress_untreated.csv").Select(q => q.Name))
            .Concat(EvalSets.Advertisers(data).Take(5000))
            .Where(n => !string.IsNullOrWhiteSpace(n))
            .ToList();

    private static Result Measure(List<string> queries, double seconds, int threads, Func<string, int> work)
    {
        var latencies = new List<double>[threads];
        var allocated = new long[threads];
        GC.Collect();
        var pause = GC.GetTotalPauseDuration();
        var cpu = Environment.CpuUsage.TotalTime;
        var total = Stopwatch.StartNew();
        var deadline = TimeSpan.FromSeconds(seconds);
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            var mine = latencies[t] = new List<double>(1 << 17);
            var sink = 0;
            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            for (var i = t; total.Elapsed < deadline; i += threads)
            {
                var start = Stopwatch.GetTimestamp();
                sink += work(queries[i % queries.Count]);
                mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
            // Includes the few list growths of the latency log, which are negligible per query.
            allocated[t] = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
            GC.KeepAlive(sink);
        });
        var elapsed = total.Elapsed.TotalSeconds;
        var cpuSeconds = (Environment.CpuUsage.TotalTime - cpu).TotalSeconds;
        var gcPause = (GC.GetTotalPauseDuration() - pause).TotalMilliseconds;
        var all = latencies.SelectMany(l => l).Order().ToList();
        return new Result(all.Count / elapsed, all[all.Count / 2], all[(int)(all.Count * 0.99)], all[^1], all.Count / cpuSeconds,
            all[(int)(all.Count * 0.999)], (double)allocated.Sum() / all.Count, gcPause);
    }

    private static Result BruteForce(ScreeningIndex index, List<ListEntry> entries, List<string> queries)
    {
        var names = entries.SelectMany(e => e.AllNames()).Select(n => index.Weights.Weigh(NameText.Tokenize(n.Name))).Where(n => n.Tokens.Length > 0).ToList();
        var latencies = new List<double>();
        var total = Stopwatch.StartNew();
        foreach (var q in queries)
        {
            var start = Stopwatch.GetTimestamp();
            var query = index.Weights.Weigh(NameText.Tokenize(q));
            var best = 0f;
            foreach (var n in names) best = Math.Max(best, NameScorer.Score(query, n).Score);
            latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            GC.KeepAlive(best);
        }
        latencies.Sort();
        return new Result(queries.Count / total.Elapsed.TotalSeconds, latencies[latencies.Count / 2], latencies[(int)(latencies.Count * 0.99)], latencies[^1]);
    }

    // Each query three times, the fastest kept: what a query costs when neither the scheduler nor a collection interrupts it.
    private static Result QuietLatency(ScreeningIndex index, List<string> queries)
    {
        var latencies = queries.Take(5000).Select(q => Enumerable.Range(0, 3).Select(_ =>
        {
            var start = Stopwatch.GetTimestamp();
            index.Search(new ScreeningQuery(q));
            return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }).Min()).Order().ToList();
        return new Result(1000 / latencies.Average(), latencies[latencies.Count / 2], latencies[(int)(latencies.Count * 0.99)], latencies[^1]);
    }

    private static void Slowest(ScreeningIndex index, List<string> queries)
    {
        var timed = queries.Select(q =>
        {
            var start = Stopwatch.GetTimestamp();
            var n = index.Search(new ScreeningQuery(q)).Matches.Count;
            return (q, ms: Stopwatch.GetElapsedTime(start).TotalMilliseconds, n);
        }).OrderByDescending(x => x.ms).Take(8).ToList();
        foreach (var (q, ms, n) in timed)
        {
            var again = Enumerable.Range(0, 5).Select(_ =>
            {
                var start = Stopwatch.GetTimestamp();
                index.Search(new ScreeningQuery(q));
                return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }).Min();
            Console.WriteLine($"slow: {ms:0.00} ms (best of 5 repeats {again:0.00} ms) {n} \"{q}\"");
        }
    }

    private static void Print(string label, Result r) =>
        Console.WriteLine($"| {label} | {r.QueriesPerSecond:N0} | {(r.PerCpuSecond > 0 ? r.PerCpuSecond.ToString("N0", CultureInfo.InvariantCulture) : "–")} | " +
            $"{r.P50:0.000} ms | {r.P99:0.000} ms | {(r.P999 > 0 ? $"{r.P999:0.000} ms" : "–")} | {r.Max:0.0} ms | " +
            $"{(r.AllocatedPerQuery >= 0 ? $"{r.AllocatedPerQuery / 1024:0.0} KB" : "–")} | {(r.GcPauseMs >= 0 ? $"{r.GcPauseMs:0} ms" : "–")} |");
}
