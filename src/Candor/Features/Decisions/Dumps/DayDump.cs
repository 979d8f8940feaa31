using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Candor.Data;
using Candor.Features.Decisions.Published;
using Microsoft.EntityFrameworkCore;

namespace Candor.Features.Decisions.Dumps;

/// <summary>
/// Builds one UTC day's dumps: a global set and one per platform with decisions that day, each full and light, as
/// <c>sor-SLUG-DATE-VERSION.zip</c> (stored, holding <c>…-00000.csv.zip</c> parts of up to 1,000,000 rows, each
/// holding <c>…-00000-00000.csv</c> files of up to 100,000 rows with a header row), with a <c>.sha256</c> beside each.
/// A day is the day of issue. Files are written under a temporary name and moved in place, checksum last.
/// </summary>
public static class DayDump
{
    public const string GlobalSlug = "global";
    public const int RowsPerCsv = 100_000;
    public const int RowsPerPart = 1_000_000;
    private const int ReadChunk = 1000;

    public static async Task<IReadOnlyList<string>> BuildAsync(CandorDb db, DateOnly day, string folder, CancellationToken ct,
        int rowsPerCsv = RowsPerCsv, int rowsPerPart = RowsPerPart)
    {
        Directory.CreateDirectory(folder);
        var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var end = start.AddDays(1);
        var ofDay = db.Decisions.AsNoTracking().Visible().Where(d => d.IssuedAt >= start && d.IssuedAt < end);
        var platforms = await db.Platforms.AsNoTracking().Where(p => ofDay.Any(d => d.PlatformId == p.Id))
            .Select(p => new { p.Id, p.Slug }).ToListAsync(ct);
        var written = new List<string>();
        foreach (var p in platforms.OrderBy(p => p.Slug, StringComparer.Ordinal))
            written.AddRange(await WriteSetAsync(db, ofDay.Where(d => d.PlatformId == p.Id), p.Slug, day, folder, rowsPerCsv, rowsPerPart, ct));
        // The global set last: its checksum file is what marks the day as done (DumpFolder.HasDay).
        written.AddRange(await WriteSetAsync(db, ofDay, GlobalSlug, day, folder, rowsPerCsv, rowsPerPart, ct));
        return written;
    }

    private static async Task<IReadOnlyList<string>> WriteSetAsync(CandorDb db, IQueryable<Decision> decisions, string slug, DateOnly day,
        string folder, int rowsPerCsv, int rowsPerPart, CancellationToken ct)
    {
        using var full = new DumpWriter(folder, slug, day, "full", TdbCsv.FullColumns, rowsPerCsv, rowsPerPart);
        using var light = new DumpWriter(folder, slug, day, "light", TdbCsv.LightColumns, rowsPerCsv, rowsPerPart);
        DateTimeOffset? lastAt = null;
        long lastId = 0;
        while (true)
        {
            var page = decisions;
            if (lastAt is { } at) page = page.Where(d => d.IssuedAt > at || (d.IssuedAt == at && d.Id > lastId));
            var rows = await PublicDecisions.LoadAsync(db, page.OrderBy(d => d.IssuedAt).ThenBy(d => d.Id).Take(ReadChunk), ct);
            if (rows.Count == 0) break;
            foreach (var row in rows.OrderBy(r => r.Public.IssuedAt).ThenBy(r => r.Id))
            {
                var fields = TdbCsv.FullRow(row.Public, row.Puid);
                full.Add(fields);
                light.Add(TdbCsv.LightRow(fields));
                (lastAt, lastId) = (row.Public.IssuedAt, row.Id);
            }
        }
        return [await full.PublishAsync(ct), await light.PublishAsync(ct)];
    }

    /// <summary>The SHA-256 line as <c>sha256sum</c> writes it, so <c>sha256sum -c FILE.sha256</c> checks the download.</summary>
    public static async Task<string> ChecksumLineAsync(string path, CancellationToken ct)
    {
        await using var stream = File.OpenRead(path);
        var hash = await SHA256.HashDataAsync(stream, ct);
        return $"{Convert.ToHexStringLower(hash)}  {Path.GetFileName(path)}\n";
    }

    /// <summary>One zip being written: parts and CSV files roll over at their row limits.</summary>
    private sealed class DumpWriter : IDisposable
    {
        private readonly string _folder;
        private readonly string _baseName;
        private readonly string[] _columns;
        private readonly int _rowsPerCsv;
        private readonly int _rowsPerPart;
        private readonly string _tempOuter;
        private readonly FileStream _outerStream;
        private readonly ZipArchive _outer;
        private string? _partPath;
        private FileStream? _partStream;
        private ZipArchive? _part;
        private StreamWriter? _csv;
        private int _partNumber = -1, _csvNumber, _rowsInPart, _rowsInCsv;
        private bool _published;

        public DumpWriter(string folder, string slug, DateOnly day, string version, string[] columns, int rowsPerCsv, int rowsPerPart)
        {
            _folder = folder;
            _baseName = string.Create(CultureInfo.InvariantCulture, $"sor-{slug}-{day:yyyy-MM-dd}-{version}");
            _columns = columns;
            _rowsPerCsv = rowsPerCsv;
            _rowsPerPart = rowsPerPart;
            _tempOuter = Path.Combine(folder, $".{_baseName}.zip.{Guid.NewGuid():N}.tmp");
            _outerStream = new FileStream(_tempOuter, FileMode.CreateNew);
            _outer = new ZipArchive(_outerStream, ZipArchiveMode.Create);
        }

        public void Add(string?[] fields)
        {
            if (_part is null || _rowsInPart == _rowsPerPart) NextPart();
            else if (_rowsInCsv == _rowsPerCsv) NextCsv();
            _csv!.Write('\n');
            _csv.Write(TdbCsv.Line(fields));
            _rowsInPart++;
            _rowsInCsv++;
        }

        private void NextPart()
        {
            ClosePart();
            _partNumber++;
            _csvNumber = -1;
            _rowsInPart = 0;
            _partPath = Path.Combine(_folder, $".{_baseName}-{_partNumber:00000}.{Guid.NewGuid():N}.tmp");
            _partStream = new FileStream(_partPath, FileMode.CreateNew);
            _part = new ZipArchive(_partStream, ZipArchiveMode.Create);
            NextCsv();
        }

        private void NextCsv()
        {
            _csv?.Dispose();
            _csvNumber++;
            _rowsInCsv = 0;
            var entry = _part!.CreateEntry(string.Create(CultureInfo.InvariantCulture, $"{_baseName}-{_partNumber:00000}-{_csvNumber:00000}.csv"), CompressionLevel.Optimal);
            _csv = new StreamWriter(entry.Open(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            _csv.Write(TdbCsv.Line(_columns)); // every CSV has its header; rows are preceded by \n, so none trails
        }

        private void ClosePart()
        {
            if (_part is null) return;
            _csv!.Dispose();
            _csv = null;
            _part.Dispose();
            _partStream!.Dispose();
            // The outer zip stores the parts without compressing them again, as the TDB's does.
            var entry = _outer.CreateEntry(string.Create(CultureInfo.InvariantCulture, $"{_baseName}-{_partNumber:00000}.csv.zip"), CompressionLevel.NoCompression);
            using (var target = entry.Open())
            using (var source = File.OpenRead(_partPath!))
                source.CopyTo(target);
            File.Delete(_partPath!);
            _part = null;
        }

        public async Task<string> PublishAsync(CancellationToken ct)
        {
            if (_part is null) NextPart(); // a day without decisions still gets one CSV with its header
            ClosePart();
            _outer.Dispose();
            await _outerStream.DisposeAsync();
            var final = Path.Combine(_folder, _baseName + ".zip");
            File.Move(_tempOuter, final, overwrite: true);
            var checksumTemp = final + ".sha256.tmp";
            await File.WriteAllTextAsync(checksumTemp, await ChecksumLineAsync(final, ct), ct);
            File.Move(checksumTemp, final + ".sha256", overwrite: true);
            _published = true;
            return final;
        }

        public void Dispose()
        {
            _csv?.Dispose();
            _part?.Dispose();
            _partStream?.Dispose();
            _outer.Dispose();
            _outerStream.Dispose();
            if (_published) return;
            if (_partPath is not null) File.Delete(_partPath);
            File.Delete(_tempOuter);
        }
    }
}
