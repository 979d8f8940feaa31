using System.Globalization;

namespace Candor.Features.Import;

/// <summary>
/// Progress on stderr: one redrawn bar line on a terminal, plain lines every few seconds otherwise (logs, CI,
/// tests). Both report committed batches only. The first rejects are printed as they come, the rest counted.
/// </summary>
public sealed class ImportProgress(TextWriter output, bool terminal, TimeSpan interval, TimeProvider clock)
{
    public const int RejectsShown = 20;
    private static readonly TimeSpan BarInterval = TimeSpan.FromMilliseconds(200);

    private long _lastReport = clock.GetTimestamp();
    private bool _barShown;

    public static ImportProgress Quiet(TimeProvider clock) => new(TextWriter.Null, false, TimeSpan.MaxValue, clock);

    public void Rejected(Reject reject, long rejectedSoFar)
    {
        if (rejectedSoFar > RejectsShown) return;
        ClearBar();
        output.WriteLine($"line {reject.Line.ToString(CultureInfo.InvariantCulture)}: rejected: {reject.Reason}");
    }

    public void Committed(ImportSummary summary, long bytesRead, long fileSize)
    {
        if (clock.GetElapsedTime(_lastReport) < (terminal ? BarInterval : interval)) return;
        _lastReport = clock.GetTimestamp();
        var share = fileSize > 0 ? Math.Min(1.0, (double)bytesRead / fileSize) : 1.0;
        var rate = summary.RecordsPerSecond;
        if (!terminal)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"progress: {summary.Read} records done ({summary.Created} created, {summary.Updated} updated, {summary.Unchanged} unchanged, {summary.Rejected} rejected), {Megabytes(bytesRead)} of {Megabytes(fileSize)} MB ({share * 100:0}%), {rate:0} records/s"));
            return;
        }
        const int width = 30;
        var filled = (int)(share * width);
        output.Write(string.Create(CultureInfo.InvariantCulture,
            $"\r[{new string('#', filled)}{new string('.', width - filled)}] {share * 100,3:0}%  {Megabytes(bytesRead)}/{Megabytes(fileSize)} MB  {summary.Read} records  {summary.Rejected} rejected  {rate:0} records/s\u001b[K"));
        output.Flush();
        _barShown = true;
    }

    public void Finished(ImportSummary summary)
    {
        ClearBar();
        if (summary.Rejected > RejectsShown)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"… and {summary.Rejected - RejectsShown} more rejected records."));
        if (summary.Rejected > 0)
            output.WriteLine($"Rejected records: {summary.RejectsPath}; reasons by line: {summary.ReasonsPath}");
    }

    private void ClearBar()
    {
        if (!_barShown) return;
        output.Write("\r\u001b[K");
        _barShown = false;
    }

    private static string Megabytes(long bytes) => (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture);
}
