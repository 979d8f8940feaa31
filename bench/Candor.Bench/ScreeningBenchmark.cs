using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Candor.Data;
using Candor.Features.Jobs;
using Candor.Features.Screening;
using Candor.Features.Screening.Lists;
using Candor.Features.Screening.Matching;
using Candor.Features.Tokens;
using Candor.Infrastructure;
using Candor.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Candor.Bench;

/// <summary>
/// <c>screening [--engine sqlite|postgres] [--seconds S]</c>: the real OFAC SDN, CSL and UN files (plus the custom lists)
/// imported into a fresh database, then in the same run (a) the index built from storage
/// (<see cref="ScreeningIndexes.LoadCurrentAsync"/>) against the pure <see cref="ScreeningIndex.Build"/> of the same
/// entries, and (b) <c>POST /api/v1/screen</c> against searching the same index directly, on 1 and 2 threads.
/// </summary>
public static class ScreeningBenchmark
{
    private static readonly (string Slug, string Format, string Path)[] Files =
    [
        ("us-ofac-sdn", ListFormats.OfacSdnCsv, "lists/ofac_sdn_2023-12-28/sdn.csv"),
        ("us-csl", ListFormats.UsCslCsv, "lists/us_csl_2023-11-30/csl.csv"),
        ("un-sc", ListFormats.UnScXml, "lists/un_sc_2026-02-27/consolidated.xml"),
        ("us-fcc-covered", ListFormats.CustomCsv, "lists/custom/us-fcc-covered-list-2022-09-20.csv"),
        ("us-dhs-bod-17-01", ListFormats.CustomCsv, "lists/custom/us-dhs-bod-17-01.csv"),
    ];

    public static async Task<int> RunAsync(string[] args, TextWriter log)
    {
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        var engine = DatabaseEngine.Sqlite;
        var seconds = 5.0;
        for (var i = 0; i < args.Length; i += 2)
        {
            switch (args[i], i + 1 < args.Length ? args[i + 1] : null)
            {
                case ("--engine", "sqlite"): break;
                case ("--engine", "postgres"): engine = DatabaseEngine.Postgres; break;
                case ("--seconds", { } s) when double.TryParse(s, CultureInfo.InvariantCulture, out seconds) && seconds > 0: break;
                default:
                    await Console.Error.WriteLineAsync($"screening: '{args[i]}' is not understood; use --engine sqlite|postgres and --seconds S");
                    return 2;
            }
        }
        var data = FindData();
        var database = engine == DatabaseEngine.Postgres
            ? DatabaseSetting.Parse(await PostgresServer.CreateDatabaseAsync("screenbench"))
            : DatabaseSetting.Parse(Path.Combine(Path.GetTempPath(), $"candor-screenbench-{Environment.ProcessId}.db"));
        log.WriteLine($"# Screening over stored lists: {engine}, {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Trim()}");
        try
        {
            // No background index refresher or job runner: they would rebuild the index and rescreen while we measure.
            await using var host = await BenchHost.StartAsync(database, CancellationToken.None, services =>
            {
                foreach (var d in services.Where(d => d.ServiceType == typeof(IHostedService)
                    && (d.ImplementationType == typeof(JobRunnerService) || d.ImplementationType == typeof(ScreeningIndexRefresher))).ToList())
                    services.Remove(d);
                services.Configure<RateLimitOptions>(o => o.IngestPerSecond = 1_000_000);
            });
            await ImportAsync(host, data, log);
            var index = await BuildAsync(host, log);
            await SearchAsync(host, index, Queries(data), seconds, log);
        }
        finally
        {
            if (engine == DatabaseEngine.Sqlite)
            {
                var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(database.ConnectionString).DataSource;
                foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(file + suffix);
            }
        }
        return 0;
    }

    private static async Task ImportAsync(BenchHost host, string data, TextWriter log)
    {
        log.WriteLine("\n| Import (one transaction each) | entries | names | wall |\n|---|---:|---:|---:|");
        foreach (var (slug, format, path) in Files)
        {
            var watch = Stopwatch.StartNew();
            var summary = await host.WithDbAsync(db => ImportList.RunAsync(db, TimeProvider.System, new ListImportRequest(Path.Combine(data, path), slug, format), null, CancellationToken.None));
            log.WriteLine($"| {slug} | {summary.Entries:N0} | {summary.Names:N0} | {watch.Elapsed.TotalSeconds:0.0} s |");
        }
    }

    /// <summary>Three rounds of each, interleaved, so machine noise hits both alike; the best of each is compared.</summary>
    private static async Task<LoadedIndex> BuildAsync(BenchHost host, TextWriter log)
    {
        var snapshots = await host.WithDbAsync(db => ScreeningIndexes.CurrentSnapshotsAsync(db, CancellationToken.None));
        var (entries, _) = await host.WithDbAsync(db => ScreeningIndexes.ReadEntriesAsync(db, snapshots, CancellationToken.None));
        ScreeningIndex.Build(entries.Take(2000)); // JIT warm-up
        var (storage, read, pure) = (new List<double>(), new List<double>(), new List<double>());
        LoadedIndex loaded = LoadedIndex.Empty;
        for (var round = 0; round < 3; round++)
        {
            GC.Collect();
            var watch = Stopwatch.StartNew();
            loaded = await host.WithDbAsync(db => ScreeningIndexes.LoadCurrentAsync(db, CancellationToken.None));
            storage.Add(watch.Elapsed.TotalMilliseconds);
            GC.Collect();
            watch.Restart();
            await host.WithDbAsync(db => ScreeningIndexes.ReadEntriesAsync(db, snapshots, CancellationToken.None));
            read.Add(watch.Elapsed.TotalMilliseconds);
            GC.Collect();
            watch.Restart();
            ScreeningIndex.Build(entries);
            pure.Add(watch.Elapsed.TotalMilliseconds);
        }
        log.WriteLine($"\n| Index ({loaded.Index.EntryCount:N0} entries, {loaded.Index.NameCount:N0} names) | best of 3 | rounds |\n|---|---:|---|");
        log.WriteLine($"| from storage: `ScreeningIndexes.LoadCurrentAsync` | {storage.Min():0} ms | {Rounds(storage)} |");
        log.WriteLine($"| of which reading the rows into entries | {read.Min():0} ms | {Rounds(read)} |");
        log.WriteLine($"| pure `ScreeningIndex.Build` of the same entries | {pure.Min():0} ms | {Rounds(pure)} |");
        log.WriteLine($"\nFrom storage / pure build: **{storage.Min() / pure.Min():0.00}×**");
        return loaded;
    }

    private static async Task SearchAsync(BenchHost host, LoadedIndex index, List<string> queries, double seconds, TextWriter log)
    {
        var token = await host.WithDbAsync(db => CreateToken.RunAsync(db, TimeProvider.System, host.PlatformId, "screen-bench", null, CancellationToken.None, "screen"));
        // The server's own holder builds its index on first use: do that before anything is timed.
        await host.Services.GetRequiredService<ScreeningIndexHolder>().GetAsync(CancellationToken.None);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 8 }) { BaseAddress = host.Address };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        async Task<int> Post(string name)
        {
            using var response = await http.PostAsJsonAsync("/api/v1/screen", new { name }, CandorJson.Output);
            // Names the matcher refuses (only symbols) answer 400; both are real work for the server.
            if ((int)response.StatusCode is not (200 or 400)) throw new InvalidOperationException($"POST /api/v1/screen: {(int)response.StatusCode}");
            await response.Content.ReadAsByteArrayAsync();
            return 1;
        }
        foreach (var q in queries.Take(500)) await Post(q); // JIT, connections
        foreach (var q in queries.Take(2000)) index.Index.Search(new ScreeningQuery(q));

        log.WriteLine($"\nQueries: {queries.Count:N0} names (UN positives with typos, synthetic negatives, US Congress), each phase {seconds:0} s\n");
        log.WriteLine("| Measure | queries/s | p50 | p99 |\n|---|---:|---:|---:|");
        var results = new List<(string Name, Result R)>
        {
            ("direct `index.Search`, 1 thread", await MeasureAsync(queries, seconds, 1, q => Task.FromResult(index.Index.Search(new ScreeningQuery(q)).Matches.Count))),
            ("`POST /api/v1/screen`, 1 client", await MeasureAsync(queries, seconds, 1, Post)),
            ($"direct `index.Search`, {Environment.ProcessorCount} threads", await MeasureAsync(queries, seconds, Environment.ProcessorCount, q => Task.FromResult(index.Index.Search(new ScreeningQuery(q)).Matches.Count))),
            ($"`POST /api/v1/screen`, {Environment.ProcessorCount * 2} clients", await MeasureAsync(queries, seconds, Environment.ProcessorCount * 2, Post)),
        };
        foreach (var (name, r) in results) log.WriteLine($"| {name} | {r.PerSecond:N0} | {r.P50:0.000} ms | {r.P99:0.000} ms |");
        log.WriteLine($"\nAPI / direct, 1 thread: **{results[1].R.PerSecond / results[0].R.PerSecond:0.00}×** the throughput; all cores: **{results[3].R.PerSecond / results[2].R.PerSecond:0.00}×**. Load average at end {File.ReadAllText("/proc/loadavg").Trim()}");
    }

    private sealed record Result(double PerSecond, double P50, double P99);

    private static async Task<Result> MeasureAsync(List<string> queries, double seconds, int workers, Func<string, Task<int>> run)
    {
        var latencies = new List<double>[workers];
        var stop = Stopwatch.StartNew();
        var tasks = Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            var mine = latencies[w] = [];
            for (var i = w; stop.Elapsed.TotalSeconds < seconds; i += workers)
            {
                var started = Stopwatch.GetTimestamp();
                await run(queries[i % queries.Count]);
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        })).ToArray();
        await Task.WhenAll(tasks);
        var elapsed = stop.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToList();
        return new Result(all.Count / elapsed, all[all.Count / 2], all[(int)(all.Count * 0.99)]);
    }

    private static string Rounds(List<double> ms) => string.Join(", ", ms.Select(m => $"{m:0}"));

    private static List<string> Queries(string data)
    {
        var names = new List<string>();
        foreach (var file in new[] { "yente_positives_un_treated.csv", "yente_negatives_global_1k.csv", "yente_negatives_us_1k.csv", "yente_positives_us_congress_untreated.csv" })
            names.AddRange(File.ReadLines(Path.Combine(data, "lists", "eval", file)).Skip(1).Select(FirstField).Where(n => n.Length > 0));
        // A fixed shuffle, so every run and both paths see the same order.
        var random = new Random(5);
        return [.. names.OrderBy(_ => random.Next())];
    }

    private static string FirstField(string line) =>
        line.StartsWith('"') ? line[1..Math.Max(1, line.IndexOf("\",", 1, StringComparison.Ordinal))] : line.Split(',')[0];

    private static string FindData()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "..", "shared", "data");
            if (Directory.Exists(Path.Combine(candidate, "lists"))) return Path.GetFullPath(candidate);
        }
        throw new DirectoryNotFoundException("../shared/data not found beside the repository");
    }
}
