using Candor.Cli;

namespace Candor.Features.Import;

public enum ImportFormat
{
    Ndjson,
    Csv,
}

public static class ImportFormats
{
    public static readonly string[] Names = ["ndjson", "csv"];

    /// <summary>The format named by <c>--format</c>, else the one the file's extension says, else a usage error.</summary>
    public static ImportFormat Resolve(string? option, string path)
    {
        if (option is not null) return Enum.Parse<ImportFormat>(option, ignoreCase: true);
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".ndjson" or ".jsonl" or ".json" => ImportFormat.Ndjson,
            ".csv" => ImportFormat.Csv,
            var ext => throw new CliException(
                $"Cannot tell the format of '{Path.GetFileName(path)}' from its extension '{ext}': name it .ndjson, .jsonl or .csv, or pass --format ndjson|csv.",
                CliHost.BadUsage),
        };
    }
}
