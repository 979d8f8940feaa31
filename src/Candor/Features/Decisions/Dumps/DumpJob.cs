using System.Globalization;
using Candor.Data;
using Candor.Features.Jobs;

namespace Candor.Features.Decisions.Dumps;

/// <summary>
/// The daily dump job (kind <c>dumps.build</c>, one unfinished job per day through its dedupe key). It skips a day
/// whose files are already there, so a second node or a late re-queue does no work twice.
/// </summary>
public sealed class DumpJob(DumpFolder folder) : IJobHandler
{
    public const string JobKind = "dumps.build";

    public sealed record JobPayload(DateOnly Day);

    public static Task<long> EnqueueAsync(CandorDb db, TimeProvider clock, DateOnly day, CancellationToken ct) =>
        BackgroundJobs.EnqueueAsync(db, clock, JobKind, new JobPayload(day),
            "dumps:" + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ct);

    public async Task<JobOutcome> RunAsync(JobContext context, CancellationToken ct)
    {
        var day = context.Payload<JobPayload>().Day;
        if (folder.HasDay(day)) return JobOutcome.Done;
        await DayDump.BuildAsync(context.Db, day, folder.Path, ct);
        return JobOutcome.Done;
    }
}
