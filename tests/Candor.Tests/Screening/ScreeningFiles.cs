namespace Candor.Tests.Screening;

/// <summary>Where screening tests find their files: small crafted fixtures, and the real lists in ../shared beside the clone.</summary>
public static class ScreeningFiles
{
    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Screening", "Fixtures", name);

    /// <summary>A file under ../shared/data/lists, located from the repository root (CI keeps a read-only copy there).</summary>
    public static string SharedList(string relative) => Path.Combine(RepositoryRoot(), "..", "shared", "data", "lists", relative);

    public static string Write(string name, string content)
    {
        var path = Infrastructure.TestFiles.NewPath(name);
        File.WriteAllText(path, content);
        return path;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Candor.slnx"))) return dir.FullName;
        throw new DirectoryNotFoundException("Candor.slnx not found above the test output folder");
    }
}
