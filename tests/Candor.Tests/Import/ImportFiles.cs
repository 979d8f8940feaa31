using System.Text.Json;
using Candor.Infrastructure;

namespace Candor.Tests.Import;

/// <summary>Import files written for a test, in the temp folder of the run.</summary>
public static class ImportFiles
{
    public static string Write(string fileName, string content)
    {
        var path = Infrastructure.TestFiles.NewPath(fileName);
        File.WriteAllText(path, content);
        return path;
    }

    public static string Ndjson(IEnumerable<object> records) =>
        string.Concat(records.Select(r => JsonSerializer.Serialize(r, CandorJson.Output) + "\n"));

    /// <summary>Where the import puts the rejects of <paramref name="path"/> and their reasons.</summary>
    public static (string Records, string Reasons) RejectsOf(string path) =>
        (Path.Combine(Path.GetDirectoryName(path)!, $"{Path.GetFileNameWithoutExtension(path)}.rejects{Path.GetExtension(path)}"),
         Path.Combine(Path.GetDirectoryName(path)!, $"{Path.GetFileNameWithoutExtension(path)}.rejects.reasons.txt"));
}
