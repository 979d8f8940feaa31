using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Candor.Cli;
using Candor.Infrastructure;
using CsvHelper;

namespace Candor.Features.Import;

/// <summary>RFC 4180 CSV with a header of the API's field names, read a record at a time by CsvHelper.</summary>
public sealed class CsvSource<T> : IRecordSource<T>
    where T : class
{
    // A record larger than this is not an ad but a broken quote swallowing the file; it stops the import.
    private const int MaxRecordBytes = 16 * 1024 * 1024;

    private static readonly CsvReaderOptions Options = new()
    {
        Separator = ',',
        DetectSeparatorHint = false,
        HasHeader = true,
        TrackLineNumbers = true,
        SkipEmptyLines = true,
        MaxRecordSize = MaxRecordBytes,
    };

    private readonly CsvReader _csv;

    public CsvSource(Stream stream) => _csv = CsvReader.Create(stream, Options, leaveOpen: true);

    public string? Header { get; private set; }

    public long BytesRead { get; private set; }

    public async IAsyncEnumerable<SourceRecord<T>> ReadAsync([EnumeratorCancellation] CancellationToken ct)
    {
        await ReadHeaderAsync(ct);
        var columns = CsvColumns.For<T>(_csv.Headers);
        Header = string.Join(',', _csv.Headers);
        while (await NextAsync(ct))
        {
            BytesRead = _csv.ByteOffset;
            if (_csv.FieldCount == 1 && string.IsNullOrWhiteSpace(_csv.GetString(0))) continue;
            yield return Parse(columns);
        }
    }

    private SourceRecord<T> Parse(CsvColumns columns)
    {
        var line = _csv.LineNumber;
        var raw = Encoding.UTF8.GetString(_csv.RawRecord);
        if (_csv.FieldCount != columns.Count)
            return new SourceRecord<T>(line, raw, null, [("record", $"has {_csv.FieldCount} fields; the header has {columns.Count}")]);
        var (json, problems) = columns.ToJson(_csv.GetString);
        if (problems.Count > 0) return new SourceRecord<T>(line, raw, null, problems);
        try
        {
            return new SourceRecord<T>(line, raw, json.Deserialize<T>(CandorJson.Strict), []);
        }
        catch (JsonException ex)
        {
            return new SourceRecord<T>(line, raw, null, [(CandorJson.FieldKey(ex.Path), IngestBody.Describe(ex))]);
        }
    }

    private async Task ReadHeaderAsync(CancellationToken ct)
    {
        try
        {
            await _csv.ReadHeaderAsync(ct);
        }
        catch (CsvFormatException ex)
        {
            throw new CliException($"The CSV header cannot be read: {ex.Message}", CliHost.BadUsage);
        }
    }

    private async Task<bool> NextAsync(CancellationToken ct)
    {
        try
        {
            return await _csv.ReadAsync(ct);
        }
        catch (CsvFormatException ex)
        {
            throw new CliException($"The CSV file cannot be read past line {ex.LineNumber}: {ex.Message}");
        }
    }

    public ValueTask DisposeAsync() => _csv.DisposeAsync();
}
