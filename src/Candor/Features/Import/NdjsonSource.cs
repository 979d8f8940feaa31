using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Candor.Infrastructure;

namespace Candor.Features.Import;

/// <summary>One JSON object per line, the API's field names, read a line at a time with the API's strict options.</summary>
public sealed class NdjsonSource<T>(Stream stream, int maxLineChars = NdjsonSource<T>.DefaultMaxLineChars) : IRecordSource<T>
    where T : class
{
    // A line longer than this is not an ad but a file without line breaks; it is rejected, not held in memory.
    public const int DefaultMaxLineChars = 16 * 1024 * 1024;
    private const int KeptOfLongLine = 200;

    private readonly StreamReader _reader = new(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024);
    private readonly char[] _buffer = new char[16 * 1024];
    private readonly StringBuilder _line = new();
    private int _position;
    private int _length;

    public string? Header => null;

    public long BytesRead => stream.Position;

    public async IAsyncEnumerable<SourceRecord<T>> ReadAsync([EnumeratorCancellation] CancellationToken ct)
    {
        long line = 0;
        while (await ReadLineAsync(ct) is ({ } text, var tooLong))
        {
            line++;
            if (tooLong)
                yield return new SourceRecord<T>(line, text, null, [("record", string.Create(CultureInfo.InvariantCulture,
                    $"is longer than {maxLineChars} characters (only its start is in the rejects file)"))]);
            else if (!string.IsNullOrWhiteSpace(text))
                yield return Parse(line, text);
        }
    }

    /// <summary>The next line without its line break, or null at the end; of a too long line only its start.</summary>
    private async ValueTask<(string? Text, bool TooLong)> ReadLineAsync(CancellationToken ct)
    {
        _line.Clear();
        var tooLong = false;
        var any = false;
        while (true)
        {
            if (_position == _length)
            {
                (_position, _length) = (0, await _reader.ReadAsync(_buffer, ct));
                if (_length == 0) return any ? (Finish(), tooLong) : (null, false);
            }
            any = true;
            var available = _buffer.AsSpan(_position, _length - _position);
            var end = available.IndexOf('\n');
            var chunk = end < 0 ? available : available[..end];
            _position += end < 0 ? chunk.Length : end + 1;
            if (!tooLong && _line.Length + chunk.Length > maxLineChars)
            {
                tooLong = true;
                _line.Length = Math.Min(_line.Length, KeptOfLongLine);
            }
            if (!tooLong) _line.Append(chunk);
            else if (_line.Length < KeptOfLongLine) _line.Append(chunk[..Math.Min(chunk.Length, KeptOfLongLine - _line.Length)]);
            if (end >= 0) return (Finish(), tooLong);
        }
    }

    private string Finish()
    {
        if (_line.Length > 0 && _line[^1] == '\r') _line.Length--;
        return _line.ToString();
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
