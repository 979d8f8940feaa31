namespace Candor.Tests.Infrastructure;

public static class TestFiles
{
    /// <summary>A folder for this test run's files (SQLite databases, import files), under the system temp folder.</summary>
    public static readonly string Root = CreateRoot();

    public static string NewSqlitePath(string purpose) => Path.Combine(Root, $"{purpose}-{Guid.NewGuid():N}.db");

    public static string NewPath(string fileName) => Path.Combine(Root, Guid.NewGuid().ToString("N")[..8] + "-" + fileName);

    private static string CreateRoot()
    {
        var root = Path.Combine(Path.GetTempPath(), "candor-tests", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(root);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        };
        return root;
    }
}
