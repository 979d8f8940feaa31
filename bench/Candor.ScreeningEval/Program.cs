using System.Globalization;
using Candor.ScreeningEval;

// Quality and speed of the screening matcher on the real lists and labelled sets in ../shared/data (see docs/screening.md).
var verb = args.FirstOrDefault() ?? "help";
var options = Options.Parse(args.Skip(1).ToArray());
switch (verb)
{
    case "eval":
        Evaluation.Run(options);
        return 0;
    case "pairs":
        Evaluation.RunPairs(options);
        return 0;
    case "perf":
        Performance.Run(options);
        return 0;
    default:
        Console.WriteLine("usage: Candor.ScreeningEval eval|pairs|perf [--data DIR] [--threshold T] [--seconds S] [--no-brute-force] [--dump FILE]");
        return verb == "help" ? 0 : 2;
}

namespace Candor.ScreeningEval
{
    internal sealed record Options(string Data, double Threshold, double Seconds, bool BruteForce = true, string? Dump = null)
    {
        public static Options Parse(string[] args)
        {
            string? Value(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
            return new Options(
                Value("--data") ?? FindData(),
                double.Parse(Value("--threshold") ?? "0.80", CultureInfo.InvariantCulture),
                double.Parse(Value("--seconds") ?? "5", CultureInfo.InvariantCulture),
                // The brute-force baseline alone takes about a minute on this machine.
                !args.Contains("--no-brute-force"),
                Value("--dump"));
        }

        // The shared data folder sits beside the repository clone (../shared), wherever the tool is run from.
        private static string FindData()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "..", "shared", "data");
                if (Directory.Exists(Path.Combine(candidate, "lists"))) return Path.GetFullPath(candidate);
            }
            throw new DirectoryNotFoundException("../shared/data not found; pass --data DIR");
        }
    }
}
