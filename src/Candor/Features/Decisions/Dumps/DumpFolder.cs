using System.Globalization;
using System.Text.RegularExpressions;
using Candor.Data;

namespace Candor.Features.Decisions.Dumps;

public sealed record DumpFile(string Name, DateOnly Day, string Slug, string Version, long Bytes, string? Sha256);

/// <summary>
/// Where the daily dumps live: <c>Candor:Dumps:Path</c>, else a <c>dumps</c> folder beside the SQLite file, else
/// <c>./dumps</c>. With several nodes the folder must be shared storage (or only one node serves the downloads).
/// </summary>
public sealed partial class DumpFolder
{
    public string Path { get; }

    public DumpFolder(IConfiguration? configuration, DatabaseSetting database)
    {
        var configured = configuration?["Candor:Dumps:Path"];
        var sqliteFile = database.Engine == DatabaseEngine.Sqlite
            ? new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(database.ConnectionString).DataSource
            : null;
        Path = !string.IsNullOrWhiteSpace(configured) ? System.IO.Path.GetFullPath(configured)
            : sqliteFile is { Length: > 0 } && System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(sqliteFile)) is { } dir
                ? System.IO.Path.Combine(dir, "dumps")
                : System.IO.Path.GetFullPath("dumps");
    }

    public static string FileName(string slug, DateOnly day, string version) =>
        string.Create(CultureInfo.InvariantCulture, $"sor-{slug}-{day:yyyy-MM-dd}-{version}.zip");

    /// <summary>The global full dump and its checksum are written last, so their presence means the day is done.</summary>
    public bool HasDay(DateOnly day) => File.Exists(System.IO.Path.Combine(Path, FileName(DayDump.GlobalSlug, day, "full") + ".sha256"));

    /// <summary>A dump or checksum file of this folder by name, or null: the name is checked, so no path can escape the folder.</summary>
    public string? Find(string name)
    {
        if (!FileNamePattern().IsMatch(name)) return null;
        var path = System.IO.Path.Combine(Path, name);
        return File.Exists(path) ? path : null;
    }

    public IReadOnlyList<DumpFile> List()
    {
        if (!Directory.Exists(Path)) return [];
        var files = new List<DumpFile>();
        foreach (var path in Directory.EnumerateFiles(Path, "sor-*.zip"))
        {
            var name = System.IO.Path.GetFileName(path);
            var match = FileNamePattern().Match(name);
            if (!match.Success || match.Groups["sha"].Success) continue;
            var sha = File.Exists(path + ".sha256") ? File.ReadAllText(path + ".sha256").Split(' ')[0] : null;
            if (sha is null) continue; // still being written
            files.Add(new DumpFile(name, DateOnly.ParseExact(match.Groups["day"].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                match.Groups["slug"].Value, match.Groups["version"].Value, new FileInfo(path).Length, sha));
        }
        return files.OrderByDescending(f => f.Day).ThenBy(f => f.Slug == DayDump.GlobalSlug ? 0 : 1).ThenBy(f => f.Slug, StringComparer.Ordinal)
            .ThenBy(f => f.Version, StringComparer.Ordinal).ToList();
    }

    [GeneratedRegex(@"^sor-(?<slug>[a-z0-9-]+)-(?<day>\d{4}-\d{2}-\d{2})-(?<version>full|light)\.zip(?<sha>\.sha256)?$")]
    private static partial Regex FileNamePattern();
}
