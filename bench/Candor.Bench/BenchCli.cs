using System.Globalization;
using Candor.Data;
using Candor.Tests.Infrastructure;

namespace Candor.Bench;

/// <summary><c>candor-bench ingest [--engine sqlite|postgres|both] [--ads N] [--rounds R]</c>. Exit codes: 0 ok, 1 failure, 2 bad usage.</summary>
public static class BenchCli
{
    private const string Usage = "usage: dotnet run -c Release --project bench/Candor.Bench -- ingest|statements|evaluate [--engine sqlite|postgres|both] [--ads N] [--rounds R] | stages | statement-stages | rules [--ads N] [--by-rule] | screening [--engine sqlite|postgres] [--seconds S] | sqlite-wait";

    public static async Task<int> RunAsync(string[] args)
    {
        if (args is ["screening", ..])
            return await ScreeningBenchmark.RunAsync(args[1..], Console.Out);
        if (args is ["rules", ..])
        {
            var byRule = args.Contains("--by-rule");
            var rest = args[1..].Where(a => a != "--by-rule").ToArray();
            if (rest is [] ) return RulesBenchmark.Run(100_000, byRule, Console.Out);
            if (rest is ["--ads", var n] && int.TryParse(n, CultureInfo.InvariantCulture, out var count) && count >= 1_000)
                return RulesBenchmark.Run(count, byRule, Console.Out);
            return BadUsage("rules takes [--ads N] (N ≥ 1,000) and [--by-rule]");
        }
        if (args is ["sqlite-wait"])
            return await SqliteWaitBenchmark.RunAsync(Console.Out);
        if (args is ["statement-stages"])
        {
            StatementStageTimings.Run(rounds: 41, Console.Out);
            return 0;
        }
        if (args is ["stages"])
        {
            StageTimings.Run(rounds: 21, Console.Out);
            return 0;
        }
        if (args.Length == 0 || args[0] is not ("ingest" or "statements" or "evaluate")) return BadUsage("the benchmarks are 'ingest', 'statements', 'evaluate', 'stages' and 'rules'");
        var statements = args[0] == "statements";
        var evaluate = args[0] == "evaluate";
        // The evaluate benchmark runs the queued jobs itself, so it can time the posts and the evaluation apart.
        if (evaluate) Environment.SetEnvironmentVariable("Candor__Jobs__Enabled", "false");
        var engines = new List<DatabaseEngine> { DatabaseEngine.Sqlite, DatabaseEngine.Postgres };
        int ads = 20_000, rounds = 3;
        for (var i = 1; i < args.Length; i += 2)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i], value)
            {
                case ("--engine", "sqlite"): engines = [DatabaseEngine.Sqlite]; break;
                case ("--engine", "postgres"): engines = [DatabaseEngine.Postgres]; break;
                case ("--engine", "both"): break;
                case ("--ads", { } n) when int.TryParse(n, CultureInfo.InvariantCulture, out ads) && ads >= 1_000: break;
                case ("--rounds", { } n) when int.TryParse(n, CultureInfo.InvariantCulture, out rounds) && rounds >= 1: break;
                default: return BadUsage($"'{args[i]} {value}' is not understood");
            }
        }
        if (!System.Runtime.GCSettings.IsServerGC || typeof(BenchCli).Assembly.IsDebugBuild())
            Console.Error.WriteLine("warning: run with -c Release (server GC, optimised code) for figures worth reporting");

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
        var measurements = new List<Measurement>();
        try
        {
            foreach (var engine in engines) measurements.AddRange(await RunEngineAsync(engine, ads, rounds, statements, evaluate, cancel.Token));
        }
        catch (OperationCanceledException)
        {
            return 1;
        }
        Console.WriteLine();
        Console.WriteLine(BenchReport.Table(measurements, ads, rounds, statements ? "statements" : "ads",
            statements ? StatementsBenchmark.Raw : evaluate ? EvaluateBenchmark.Baseline : IngestBenchmark.Raw, statements ? 100 : 1_000));
        return 0;
    }

    private static async Task<List<Measurement>> RunEngineAsync(DatabaseEngine engine, int ads, int rounds, bool statements, bool evaluate, CancellationToken ct)
    {
        var database = engine == DatabaseEngine.Postgres
            ? DatabaseSetting.Parse(await PostgresServer.CreateDatabaseAsync("bench"))
            : DatabaseSetting.Parse(Path.Combine(Path.GetTempPath(), $"candor-bench-{Environment.ProcessId}.db"));
        Console.WriteLine($"{engine}: {database.Display}, {ads:N0} ads, {rounds} round(s)");
        try
        {
            await using var host = await BenchHost.StartAsync(database, ct);
            if (statements)
            {
                var tdb = new StatementsBenchmark(host, engine, ads, Console.Out);
                await tdb.PrepareAsync(ct);
                await JitWarmUp.RunAsync(() => tdb.RunRoundAsync(0, ct), Console.Out);
                tdb.CpuResults.Clear();
                var measured = new List<Measurement>();
                for (var round = 1; round <= rounds; round++) measured.AddRange(await tdb.RunRoundAsync(round, ct));
                tdb.WriteCpuSummary();
                return measured;
            }
            if (evaluate)
            {
                var evaluation = new EvaluateBenchmark(host, engine, ads, Console.Out);
                await evaluation.PrepareAsync(ct);
                await JitWarmUp.RunAsync(() => evaluation.RunRoundAsync(0, ct), Console.Out);
                var measured = new List<Measurement>();
                for (var round = 1; round <= rounds; round++) measured.AddRange(await evaluation.RunRoundAsync(round, ct));
                return measured;
            }
            var benchmark = new IngestBenchmark(host, engine, ads, Console.Out);
            await benchmark.PrepareAsync(ct);
            // Round 0 passes, thrown away, until the JIT has settled.
            await JitWarmUp.RunAsync(() => benchmark.RunRoundAsync(0, ct), Console.Out);
            var results = new List<Measurement>();
            for (var round = 1; round <= rounds; round++) results.AddRange(await benchmark.RunRoundAsync(round, ct));
            return results;
        }
        finally
        {
            if (engine == DatabaseEngine.Sqlite)
            {
                var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(database.ConnectionString).DataSource;
                foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(file + suffix);
            }
        }
    }

    private static int BadUsage(string message)
    {
        Console.Error.WriteLine(message);
        Console.Error.WriteLine(Usage);
        return 2;
    }

    private static bool IsDebugBuild(this System.Reflection.Assembly assembly) =>
        assembly.GetCustomAttributes(typeof(System.Diagnostics.DebuggableAttribute), false)
            .OfType<System.Diagnostics.DebuggableAttribute>().Any(d => d.IsJITOptimizerDisabled);
}
