using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Candor.Infrastructure;

namespace Candor.Features.Import;

/// <summary>One JSON object per line, the API's field names, read a line at a time with the API's strict options.</summary>
public sealed class NdjsonSource<T>(Stream stream) : IRecordSource<T>
    where T : class
{
    private readonly StreamReader _reader = new(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024);

    public string? Header => null;

    public long BytesRead => stream.Position;

    public async IAsyncEnumerable<SourceRecord<T>> ReadAsync([EnumeratorCancellation] CancellationToken ct)
    {
        long line = 0;
        while (await _reader.ReadLineAsync(ct) is { } text)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            yield return Parse(line, text);
        }
    }

    private static SourceRecord<T> Parse(long line, string text)
    {
        var trimmed = text.AsSpan().TrimStart();
        if (trimmed[0] != '{' && !trimmed.StartsWith("null", StringComparison.Ordinal))
            return new SourceRecord<T>(line, text, null, [("record", trimmed[0] == '['
                ? "must be one JSON object per line; a JSON array is not NDJSON (write one element per line)"
                : "must be one JSON object per line")]);
        try
        {
            return new SourceRecord<T>(line, text, JsonSerializer.Deserialize<T>(text, CandorJson.Strict), []);
        }
        catch (JsonException ex)
        {
            var field = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "record" : CandorJson.FieldKey(ex.Path);
            return new SourceRecord<T>(line, text, null, [(field, IngestBody.Describe(ex, singleLine: true))]);
        }
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        return ValueTask.CompletedTask;
    }
}
