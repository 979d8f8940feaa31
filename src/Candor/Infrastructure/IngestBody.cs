using System.Buffers;
using System.Text.Json;
using Candor.Features.Ads;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Candor.Infrastructure;

/// <summary>
/// Reads a JSON array of records from a request body with Candor's strict options, turning syntax and
/// type errors into a problem that names the record index and field.
/// </summary>
public static class IngestBody
{
    private const long MaxPresizedBody = 64 * 1024 * 1024;

    public static async Task<(IReadOnlyList<T?>? Records, ProblemHttpResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentType is null || !request.ContentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            return (null, Problems.BadRequest("Unsupported content type", "Send the records as a JSON array with Content-Type: application/json."));
        List<T?>? records;
        byte[]? pooled = null;
        MemoryStream? unsized = null;
        try
        {
            // Buffered, then parsed in one synchronous pass over one array rather than resumably over the stream
            // (a batch is about 1.4 MB; see docs/performance.md). Kestrel's request size limit bounds the buffer. With a
            // Content-Length the buffer is a pooled array: a fresh 1.4 MB one per call lands on the large object heap.
            ReadOnlyMemory<byte> json;
            if (request.ContentLength is { } length and > 0 and <= MaxPresizedBody)
            {
                pooled = ArrayPool<byte>.Shared.Rent((int)length);
                await request.Body.ReadExactlyAsync(pooled.AsMemory(0, (int)length), ct);
                json = pooled.AsMemory(0, (int)length);
            }
            else
            {
                unsized = new MemoryStream();
                await request.Body.CopyToAsync(unsized, ct);
                json = unsized.GetBuffer().AsMemory(0, (int)unsized.Length);
            }
            records = JsonSerializer.Deserialize<List<T?>>(json.Span, CandorJson.Strict);
        }
        catch (JsonException ex)
        {
            var errors = new FieldErrors();
            errors.Add(CandorJson.FieldKey(ex.Path), Describe(ex));
            return (null, Problems.Validation(StatusCodes.Status400BadRequest, "The body is not a valid JSON array of records", errors));
        }
        finally
        {
            if (pooled is not null) ArrayPool<byte>.Shared.Return(pooled);
            unsized?.Dispose();
        }
        if (records is null)
            return (null, Problems.BadRequest("Empty body", "Send a JSON array of 1 to 1,000 records."));
        if (records.Count == 0 || records.Count > AdLimits.BatchSize)
        {
            var errors = new FieldErrors();
            errors.Add("body", $"has {records.Count} records; send 1 to {AdLimits.BatchSize:N0} per call");
            return (null, Problems.Validation(StatusCodes.Status422UnprocessableEntity, "Wrong number of records", errors));
        }
        return (records, null);
    }

    /// <summary>System.Text.Json's messages name .NET types; say what a JSON client needs to know instead.</summary>
    public static string Describe(JsonException ex, bool singleLine = false)
    {
        var message = ex.Message;
        if (message.Contains("could not be mapped", StringComparison.Ordinal)) return "is not a known field (see the API reference for field names)";
        if (message.Contains("could not be converted", StringComparison.Ordinal)) return "has the wrong type or format (see the API reference)";
        if (message.Contains("maximum configured depth", StringComparison.Ordinal)) return "is nested too deeply";
        var line = ex.LineNumber is { } l && !singleLine ? $" at line {l + 1}" : "";
        var column = ex.BytePositionInLine is { } c ? $", byte {c + 1}" : "";
        return $"is not valid JSON{line}{column}";
    }
}
