using System.Text;

namespace Candor.Features.Import;

/// <summary>A record the import did not store, where it is in the file and why (field, message).</summary>
public sealed record Reject(long Line, string Raw, IReadOnlyList<(string Field, string Message)> Problems)
{
    public string Reason => string.Join("; ", Problems.Select(p => $"{p.Field}: {p.Message}"));
}

/// <summary>
/// The rejected records, copied verbatim into a file of the input's format (<c>ads.rejects.csv</c> beside
/// <c>ads.csv</c>, with the header) so they can be fixed and imported again, and their reasons by line number
/// in <c>ads.rejects.reasons.txt</c>. Both files belong to the latest run: a new run replaces them, and leaves
/// none when nothing is rejected.
/// </summary>
public sealed class RejectsFile(string inputPath, string? header) : IAsyncDisposable
{
    private StreamWriter? _records;
    private StreamWriter? _reasons;
    private long _linesWritten;

    public string RecordsPath { get; } = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(inputPath))!,
        $"{Path.GetFileNameWithoutExtension(inputPath)}.rejects{Path.GetExtension(inputPath)}");

    public string ReasonsPath => Path.Combine(Path.GetDirectoryName(RecordsPath)!, $"{Path.GetFileNameWithoutExtension(inputPath)}.rejects.reasons.txt");

    public long Count { get; private set; }

    public void DeleteStale()
    {
        File.Delete(RecordsPath);
        File.Delete(ReasonsPath);
    }

    public async Task WriteAsync(Reject reject, CancellationToken ct)
    {
        if (_records is null) await OpenAsync(ct);
        var line = _linesWritten + 1;
        await _records!.WriteAsync(reject.Raw.AsMemory(), ct);
        await _records.WriteAsync("\n".AsMemory(), ct);
        _linesWritten += 1 + reject.Raw.Count(c => c == '\n');
        await _reasons!.WriteLineAsync($"line {reject.Line} (line {line} of {Path.GetFileName(RecordsPath)}): {reject.Reason}".AsMemory(), ct);
        Count++;
    }

    public async Task FlushAsync(CancellationToken ct)
    {
        if (_records is null) return;
        await _records.FlushAsync(ct);
        await _reasons!.FlushAsync(ct);
    }

    private async Task OpenAsync(CancellationToken ct)
    {
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        _records = new StreamWriter(RecordsPath, append: false, utf8) { NewLine = "\n" };
        _reasons = new StreamWriter(ReasonsPath, append: false, utf8) { NewLine = "\n" };
        await _reasons.WriteLineAsync($"# Records of {Path.GetFileName(inputPath)} that were not imported, by line number, and why.".AsMemory(), ct);
        await _reasons.WriteLineAsync($"# Fix them in {Path.GetFileName(RecordsPath)} and import that file again.".AsMemory(), ct);
        if (header is null) return;
        await _records.WriteLineAsync(header.AsMemory(), ct);
        _linesWritten = 1;
    }

    public async ValueTask DisposeAsync()
    {
        if (_records is not null) await _records.DisposeAsync();
        if (_reasons is not null) await _reasons.DisposeAsync();
    }
}
