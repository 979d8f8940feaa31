using Candor.Data;
using Candor.Features.Ads;
using Candor.Features.Advertisers;

namespace Candor.Features.Import;

public enum ImportKind
{
    Advertisers,
    Ads,
}

public sealed record ImportRequest(ImportKind Kind, string Path, ImportFormat Format, long PlatformId, int BatchSize = ImportFile.DefaultBatchSize);

/// <summary>
/// Imports a file of advertisers or ads: streams it record by record and stores batches through the same
/// upsert handlers as the API, each batch in its own transaction, skipping invalid records into the rejects
/// file. Killing it loses nothing committed, and running it again stores only what is still missing.
/// </summary>
public static class ImportFile
{
    public const int DefaultBatchSize = 500;

    private delegate Task<BatchResult> Upsert<T>(CandorDb db, TimeProvider clock, IReadOnlyList<T?> records, CancellationToken ct);

    public static Task<ImportSummary> RunAsync(IServiceProvider services, ImportRequest request, ImportProgress progress, CancellationToken ct) =>
        request.Kind == ImportKind.Ads
            ? RunAsync<AdInput>(services, request, progress, (db, clock, records, token) =>
                UpsertAds.RunAsync(db, clock, request.PlatformId, records, InvalidRecords.SkipRecord, token), ct)
            : RunAsync<AdvertiserInput>(services, request, progress, (db, clock, records, token) =>
                UpsertAdvertisers.RunAsync(db, clock, request.PlatformId, records, InvalidRecords.SkipRecord, token), ct);

    private static async Task<ImportSummary> RunAsync<T>(
        IServiceProvider services, ImportRequest request, ImportProgress progress, Upsert<T> upsert, CancellationToken ct)
        where T : class
    {
        var clock = services.GetRequiredService<TimeProvider>();
        var started = clock.GetTimestamp();
        await using var stream = new FileStream(request.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);
        await using IRecordSource<T> source = request.Format == ImportFormat.Csv ? new CsvSource<T>(stream) : new NdjsonSource<T>(stream);
        var summary = new ImportSummary();
        RejectsFile? rejects = null;
        try
        {
            try
            {
                var batch = new List<SourceRecord<T>>(request.BatchSize);
                await foreach (var record in source.ReadAsync(ct))
                {
                    // The header is known once the first record is read.
                    rejects ??= NewRejectsFile(request.Path, source.Header);
                    batch.Add(record);
                    if (batch.Count < request.BatchSize) continue;
                    await StoreAsync(services, clock, upsert, batch, rejects, summary, progress, ct);
                    summary.Elapsed = clock.GetElapsedTime(started);
                    progress.Committed(summary, source.BytesRead, stream.Length);
                    batch.Clear();
                }
                rejects ??= NewRejectsFile(request.Path, source.Header);
                if (batch.Count > 0) await StoreAsync(services, clock, upsert, batch, rejects, summary, progress, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // Ctrl+C: the batch in flight was rolled back; report what the committed batches stored.
                summary.Interrupted = true;
            }
            summary.Elapsed = clock.GetElapsedTime(started);
            summary.RejectsPath = rejects?.Count > 0 ? rejects.RecordsPath : null;
            summary.ReasonsPath = rejects?.Count > 0 ? rejects.ReasonsPath : null;
            progress.Finished(summary);
            return summary;
        }
        finally
        {
            if (rejects is not null) await rejects.DisposeAsync();
        }
    }

    private static RejectsFile NewRejectsFile(string path, string? header)
    {
        var rejects = new RejectsFile(path, header);
        rejects.DeleteStale();
        return rejects;
    }

    /// <summary>Stores one batch (one transaction), then writes its rejects in file order and counts it.</summary>
    private static async Task StoreAsync<T>(
        IServiceProvider services, TimeProvider clock, Upsert<T> upsert, List<SourceRecord<T>> batch,
        RejectsFile rejects, ImportSummary summary, ImportProgress progress, CancellationToken ct)
        where T : class
    {
        var readable = batch.Where(r => r.IsReadable).ToList();
        BatchResult? result = null;
        if (readable.Count > 0)
        {
            await using var scope = services.CreateAsyncScope();
            result = await upsert(scope.ServiceProvider.GetRequiredService<CandorDb>(), clock, readable.Select(r => r.Record).ToList(), ct);
        }
        var errors = BatchErrors.ByIndex(result);
        var rejected = 0;
        var readableIndex = -1;
        foreach (var record in batch)
        {
            var problems = record.IsReadable ? errors.GetValueOrDefault(++readableIndex) : record.Problems;
            if (problems is null) continue;
            var reject = new Reject(record.Line, record.Raw, problems);
            await rejects.WriteAsync(reject, ct);
            rejected++;
            progress.Rejected(reject, rejects.Count);
        }
        await rejects.FlushAsync(ct);
        summary.AddBatch(batch.Count, result?.Outcomes ?? [], rejected);
    }
}
