using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Candor.Cli;
using Candor.Data;
using Candor.Features.Platforms;
using Candor.Features.Screening.Lists;
using Candor.Features.Screening.Storage;
using Candor.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Candor.Features.Screening;

public sealed record ListImportRequest(string Path, string ListSlug, string Format, string? SourceUrl = null, DateOnly? AsOf = null);

public sealed record ListImportSummary(
    long SnapshotId, string List, string Format, DateOnly AsOf, int Entries, int Names, int Duplicates, bool Unchanged, string ContentHash);

/// <summary>
/// <c>candor lists import PATH --list SLUG --format F</c>: stores a list file as a new snapshot. The snapshot and all its
/// entries are written in one transaction, so a damaged file or a killed import never replaces the current snapshot.
/// </summary>
public static class ImportList
{
    private const int BatchSize = 1000;
    private static readonly string[] OfacSidecars = ["alt.csv", "add.csv"];

    public static async Task<ListImportSummary> RunAsync(
        CandorDb db, TimeProvider clock, ListImportRequest request, Action<int>? progress, CancellationToken ct)
    {
        Validate(request);
        var hash = await HashAsync(request.Format, request.Path, ct);
        var current = await ListSnapshotQueries.Current(db).Where(s => s.ListSlug == request.ListSlug).FirstOrDefaultAsync(ct);
        if (current is not null && current.ContentHash == hash)
            return new(current.Id, current.ListSlug, current.Format, current.AsOf, current.EntryCount, current.NameCount, current.DuplicateCount, Unchanged: true, hash);

        var snapshot = new ListSnapshot
        {
            ListSlug = request.ListSlug, Format = request.Format, SourceUrl = request.SourceUrl, ContentHash = hash,
            AsOf = request.AsOf ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), ImportedAt = clock.GetUtcNow(),
            State = SnapshotStates.Complete,
        };
        try
        {
            await WriteAsync(db, clock, snapshot, request, progress, ct);
        }
        catch (ListFormatException ex)
        {
            await RecordFailureAsync(db, snapshot, ex.Message);
            throw new CliException($"import failed, the current snapshot is unchanged: {ex.Message}");
        }
        return new(snapshot.Id, snapshot.ListSlug, snapshot.Format, snapshot.AsOf, snapshot.EntryCount, snapshot.NameCount, snapshot.DuplicateCount, Unchanged: false, hash);
    }

    private static void Validate(ListImportRequest request)
    {
        if (!CreatePlatform.IsSlug(request.ListSlug))
            throw new CliException($"'{request.ListSlug}' is not a valid list slug: use 2-64 lowercase letters, digits and dashes.", CliHost.BadUsage);
        if (!ListFormats.All.Contains(request.Format, StringComparer.Ordinal))
            throw new CliException($"unknown --format '{request.Format}'; expected one of {string.Join(", ", ListFormats.All)}.", CliHost.BadUsage);
        if (!File.Exists(request.Path)) throw new CliException($"no such file: {request.Path}", CliHost.BadUsage);
        if (request.SourceUrl is { } url && (url.Length > 2048 || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
            throw new CliException("--source-url must be an absolute http(s) URL of at most 2,048 characters.", CliHost.BadUsage);
    }

    private static async Task WriteAsync(CandorDb db, TimeProvider clock, ListSnapshot snapshot, ListImportRequest request, Action<int>? progress, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.ListSnapshots.Add(snapshot);
        await db.SaveChangesAsync(ct);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var batch = new List<StoredListEntry>(BatchSize);
        foreach (var entry in ListFormats.Read(request.Format, request.Path, request.ListSlug))
        {
            ct.ThrowIfCancellationRequested();
            var row = StoredEntries.ToRow(request.Format, snapshot.Id, entry);
            // A file that names one id twice keeps the first: a unique key is what a diff and a finding point at.
            if (!keys.Add(row.EntryKey)) { snapshot.DuplicateCount++; continue; }
            snapshot.EntryCount++;
            snapshot.NameCount += 1 + entry.Aliases.Count;
            batch.Add(row);
            if (batch.Count == BatchSize)
            {
                await FlushAsync(db, batch, ct);
                progress?.Invoke(snapshot.EntryCount);
            }
        }
        await FlushAsync(db, batch, ct);
        if (snapshot.EntryCount == 0) throw new ListFormatException("the file has no entries", request.Path);
        db.ListSnapshots.Update(snapshot);
        Vetting.ScreeningJobs.AddRescreenAll(db, clock, $"snapshot {snapshot.Id} of {snapshot.ListSlug}");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        progress?.Invoke(snapshot.EntryCount);
    }

    private static async Task FlushAsync(CandorDb db, List<StoredListEntry> batch, CancellationToken ct)
    {
        db.ListEntries.AddRange(batch);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        batch.Clear();
    }

    /// <summary>A failed import is kept as a record (no entries), so `lists list` shows what went wrong and when.</summary>
    private static async Task RecordFailureAsync(CandorDb db, ListSnapshot attempted, string error)
    {
        db.ChangeTracker.Clear();
        db.ListSnapshots.Add(new ListSnapshot
        {
            ListSlug = attempted.ListSlug, Format = attempted.Format, SourceUrl = attempted.SourceUrl, ContentHash = attempted.ContentHash,
            AsOf = attempted.AsOf, ImportedAt = attempted.ImportedAt, State = SnapshotStates.Failed,
            Error = error.Length > 2000 ? error[..2000] : error,
        });
        await db.SaveChangesAsync(CancellationToken.None);
        db.ChangeTracker.Clear();
    }

    /// <summary>The format and every file the reader will read: the same bytes read the same way are the same snapshot.</summary>
    public static async Task<string> HashAsync(string format, string path, CancellationToken ct)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(format + "\n"));
        var files = new List<string> { path };
        if (format == ListFormats.OfacSdnCsv)
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
            files.AddRange(OfacSidecars.Select(f => Path.Combine(folder, f)).Where(File.Exists));
        }
        var buffer = new byte[1 << 16];
        foreach (var file in files)
        {
            hash.AppendData(Encoding.UTF8.GetBytes("\n" + Path.GetFileName(file) + "\n"));
            await using var stream = File.OpenRead(file);
            int read;
            while ((read = await stream.ReadAsync(buffer, ct)) > 0) hash.AppendData(buffer, 0, read);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    public static Command Command()
    {
        var path = new Argument<string>("PATH") { Description = "The list file (for OFAC, sdn.csv; alt.csv and add.csv beside it are read too)" };
        var list = new Option<string>("--list") { Description = "The list's slug, e.g. ofac-sdn", Required = true };
        var format = new Option<string>("--format") { Description = $"One of {string.Join(", ", ListFormats.All)}", Required = true };
        var sourceUrl = new Option<string?>("--source-url") { Description = "Where the file was published" };
        var asOf = new Option<string?>("--as-of") { Description = "The date the file describes, yyyy-mm-dd (default: today, UTC)" };
        var command = new Command("import", "Store a list file as a new snapshot (a no-op when it equals the current one)") { path, list, format, sourceUrl, asOf };
        command.SetHandler(async (parse, ct) =>
        {
            DateOnly? date = null;
            if (parse.GetValue(asOf) is { } text)
            {
                if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                    throw new CliException($"--as-of '{text}' is not a date in the form yyyy-mm-dd.", CliHost.BadUsage);
                date = parsed;
            }
            var request = new ListImportRequest(parse.GetValue(path)!, parse.GetValue(list)!, parse.GetValue(format)!, parse.GetValue(sourceUrl), date);
            Validate(request);
            await using var services = await CliHost.OpenAsync(parse, ct);
            await using var scope = services.CreateAsyncScope();
            var summary = await RunAsync(scope.ServiceProvider.GetRequiredService<CandorDb>(), scope.ServiceProvider.GetRequiredService<TimeProvider>(),
                request, done => Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"lists import: {done:N0} entries stored")), ct);
            await Console.Error.WriteLineAsync(summary.Unchanged
                ? $"lists import: unchanged, the file equals current snapshot {summary.SnapshotId} of '{summary.List}'"
                : string.Create(CultureInfo.InvariantCulture,
                    $"lists import: snapshot {summary.SnapshotId} of '{summary.List}' is current: {summary.Entries:N0} entries, {summary.Names:N0} names, {summary.Duplicates} repeated ids skipped"));
            Console.WriteLine(JsonSerializer.Serialize(summary, CandorJson.Output));
            return CliHost.Ok;
        });
        return command;
    }
}
