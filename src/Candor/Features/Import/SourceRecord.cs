namespace Candor.Features.Import;

/// <summary>
/// One record of an import file: where it starts, its text exactly as in the file (to copy it to the rejects
/// file), and either the parsed record or why it could not be parsed (field, message).
/// </summary>
public sealed record SourceRecord<T>(long Line, string Raw, T? Record, IReadOnlyList<(string Field, string Message)> Problems)
    where T : class
{
    public bool IsReadable => Problems.Count == 0;
}

/// <summary>A file of records in one format, read forward once, never whole.</summary>
public interface IRecordSource<T> : IAsyncDisposable
    where T : class
{
    /// <summary>The header line the rejects file needs to be importable again (CSV), or null.</summary>
    string? Header { get; }

    /// <summary>How far into the file reading has got, for progress.</summary>
    long BytesRead { get; }

    IAsyncEnumerable<SourceRecord<T>> ReadAsync(CancellationToken ct);
}
