using System.Globalization;
using Candor.Features.Ads;

namespace Candor.Features.Import;

/// <summary>What an import has done so far: counts of committed batches only, so they never overstate what is stored.</summary>
public sealed class ImportSummary
{
    public long Read { get; private set; }
    public long Created { get; private set; }
    public long Updated { get; private set; }
    public long Unchanged { get; private set; }
    public long Rejected { get; private set; }
    public TimeSpan Elapsed { get; set; }
    public string? RejectsPath { get; set; }
    public string? ReasonsPath { get; set; }

    /// <summary>Stopped by Ctrl+C before the end of the file; running the same import again finishes it.</summary>
    public bool Interrupted { get; set; }

    public double RecordsPerSecond => Elapsed.TotalSeconds > 0 ? Read / Elapsed.TotalSeconds : 0;

    public void AddBatch(int read, IEnumerable<IngestOutcome> outcomes, int rejected)
    {
        Read += read;
        Rejected += rejected;
        foreach (var outcome in outcomes)
        {
            if (outcome.Result == IngestResult.Created) Created++;
            else if (outcome.Result == IngestResult.Updated) Updated++;
            else Unchanged++;
        }
    }

    public string Counts() => string.Create(CultureInfo.InvariantCulture,
        $"{Read} records read: {Created} created, {Updated} updated, {Unchanged} unchanged, {Rejected} rejected");

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{Counts()} in {Elapsed.TotalSeconds:0.0} s ({RecordsPerSecond:0} records/s).");
}
