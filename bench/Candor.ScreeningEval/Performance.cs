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
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var cpuBefore = Environment.CpuUsage.TotalTime;
        var build = Stopwatch.StartNew();
        var index = ScreeningIndex.Build(entries);
        build.Stop();
        var buildCpu = Environment.CpuUsage.TotalTime - cpuBefore;
        var after = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine($"| Index build | {build.ElapsedMilliseconds} ms wall, {buildCpu.TotalMilliseconds:0} ms CPU | {index.EntryCount} entries, {index.NameCount} names, {index.VocabularyCount} terms |");
        Console.WriteLine($"| Index memory (managed heap growth, entries included) | {(after - before) / 1024.0 / 1024:0.0} MB | working set {Environment.WorkingSet / 1024.0 / 1024:0} MB |\n");

        var tokenizeCpu = Environment.CpuUsage.TotalTime;
        var tokenized = entries.SelectMany(e => e.AllNames()).Sum(n => NameText.Tokenize(n.Name).Length);
        Console.WriteLine($"| of which: normalising every name alone, 1 thread | {(Environment.CpuUsage.TotalTime - tokenizeCpu).TotalMilliseconds:0} ms CPU | {tokenized} tokens |\n");

        var queries = QueryMix(options.Data);
        Console.WriteLine($"Query mix: {queries.Count} names (UN positives with typos, negatives, Congress, advertisers)\n");
        foreach (var q in queries.Take(3000)) index.Search(new ScreeningQuery(q)); // warm-up and tiered JIT

        var normalise = Measure(queries, options.Seconds / 2, 1, q => NameText.Tokenize(q).Length);
        var single = Measure(queries, options.Seconds, 1, q => index.Search(new ScreeningQuery(q)).Matches.Count);
        var both = Measure(queries, options.Seconds, Environment.ProcessorCount, q => index.Search(new ScreeningQuery(q)).Matches.Count);
        Slowest(index, queries);
        var brute = BruteForce(index, entries, queries.Take(20).ToList());

        var quiet = QuietLatency(index, queries);
        Console.WriteLine("| Measure | Queries/s (wall) | Queries per CPU-second | p50 | p99 | max |\n|---|---|---|---|---|---|");
        Print("Baseline: normalise the query only, 1 thread", normalise);
        Print("Search, 1 thread", single);
        Print($"Search, {Environment.ProcessorCount} threads", both);
        Print("Baseline: brute-force scan of every name, 1 thread (20 queries)", brute);
        Print("Search, 1 thread, best of 3 runs per query (filters preemption by other work)", quiet);
        Console.WriteLine($"\nGC during the run: gen0 {GC.CollectionCount(0)}, gen1 {GC.CollectionCount(1)}, gen2 {GC.CollectionCount(2)}, total pause {GC.GetTotalPauseDuration().TotalMilliseconds:0} ms. Load average at end: {File.ReadAllText("/proc/loadavg").Trim()}");
        Console.WriteLine($"\nSearch is {brute.P50 / single.P50:0}× faster than the brute-force scan at p50 and costs {single.P50 / normalise.P50:0.0}× normalising the query alone.");
    }

    private sealed record Result(double QueriesPerSecond, double P50, double P99, double Max, double PerCpuSecond = 0);

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
        var cpu = Environment.CpuUsage.TotalTime;
        var total = Stopwatch.StartNew();
        var deadline = TimeSpan.FromSeconds(seconds);
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            var mine = latencies[t] = new List<double>(1 << 16);
            var sink = 0;
            for (var i = t; total.Elapsed < deadline; i += threads)
            {
                var start = Stopwatch.GetTimestamp();
                sink += work(queries[i % queries.Count]);
                mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
            GC.KeepAlive(sink);
        });
        var elapsed = total.Elapsed.TotalSeconds;
        var cpuSeconds = (Environment.CpuUsage.TotalTime - cpu).TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToList();
        return new Result(all.Count / elapsed, all[all.Count / 2], all[(int)(all.Count * 0.99)], all[^1], all.Count / cpuSeconds);
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
        Console.WriteLine($"| {label} | {r.QueriesPerSecond:N0} | {(r.PerCpuSecond > 0 ? r.PerCpuSecond.ToString("N0", CultureInfo.InvariantCulture) : "–")} | {r.P50:0.000} ms | {r.P99:0.000} ms | {r.Max:0.0} ms |");
}
