using System.Globalization;
using System.Text;
using Candor.Data;

namespace Candor.Bench;

/// <summary>The median of each phase over the rounds, and its ratio to the raw baseline measured in the same round.</summary>
public static class BenchReport
{
    public static string Table(IReadOnlyList<Measurement> measurements, int ads, int rounds, string unit = "ads", string raw = IngestBenchmark.Raw, int batch = 1_000)
    {
        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"{ads:N0} {unit} in batches of {batch:N0}; median of {rounds} round(s); raw baseline measured at the start and end of each round; ratio = phase / mean raw of the same round (median over rounds)");
        table.AppendLine();
        table.AppendLine(CultureInfo.InvariantCulture, $"| engine | phase | {unit}/s | ratio to raw |");
        table.AppendLine("|---|---|---:|---:|");
        foreach (var engine in measurements.Select(m => m.Engine).Distinct())
        {
            var ofEngine = measurements.Where(m => m.Engine == engine).ToList();
            foreach (var phase in ofEngine.Select(m => m.Phase).Distinct())
            {
                var rates = ofEngine.Where(m => m.Phase == phase).Select(m => m.AdsPerSecond).ToList();
                var ratios = ofEngine.Where(m => m.Phase == phase)
                    .Select(m => m.AdsPerSecond / ofEngine.Where(r => r.Round == m.Round && r.Phase == raw).Average(r => r.AdsPerSecond))
                    .ToList();
                table.AppendLine(CultureInfo.InvariantCulture, $"| {Name(engine)} | {phase} | {Median(rates):N0} | {Median(ratios):P0} |");
            }
        }
        return table.ToString();
    }

    private static string Name(DatabaseEngine engine) => engine == DatabaseEngine.Postgres ? "PostgreSQL" : "SQLite";

    private static double Median(List<double> values)
    {
        values.Sort();
        var mid = values.Count / 2;
        return values.Count % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }
}
