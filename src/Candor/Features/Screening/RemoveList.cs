using System.CommandLine;
using System.Text.Json;
using Candor.Cli;
using Candor.Data;
using Candor.Features.Audit;
using Candor.Features.Screening.Storage;
using Candor.Features.Screening.Vetting;
using Candor.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Candor.Features.Screening;

public sealed record ListRemovalSummary(long SnapshotId, string List, long WithdrawnSnapshotId, int DelistedFindings);

/// <summary>
/// <c>candor lists remove SLUG --reason R</c>: withdraws a whole list (e.g. a directive that was rescinded). Nothing is
/// deleted: a <see cref="SnapshotStates.Withdrawn"/> marker becomes the list's newest word, so it has no current snapshot
/// and every node's index drops it at its next poll; its open and confirmed findings become delisted, on every platform,
/// in the same transaction, together with closing their review items and queueing the evaluation of the advertisers
/// that had them. Importing the list again later makes it current again.
/// </summary>
public static class RemoveList
{
    public const int MaxReason = 2000;

    public static async Task<ListRemovalSummary> RunAsync(CandorDb db, TimeProvider clock, string listSlug, string reason, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > MaxReason)
            throw new CliException($"--reason is required (1 to {MaxReason:N0} characters): it is kept with the withdrawal.", CliHost.BadUsage);
        var current = await ListSnapshotQueries.Current(db).AsNoTracking().Where(s => s.ListSlug == listSlug).FirstOrDefaultAsync(ct)
            ?? throw new CliException($"list '{listSlug}' has no current snapshot (never imported, or already withdrawn); see `candor lists list`.");
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var marker = new ListSnapshot
        {
            ListSlug = listSlug, Format = current.Format, SourceUrl = current.SourceUrl, ContentHash = "withdrawn",
            AsOf = DateOnly.FromDateTime(now.UtcDateTime), ImportedAt = now, State = SnapshotStates.Withdrawn, Error = reason.Trim(),
        };
        db.ListSnapshots.Add(marker);
        await db.SaveChangesAsync(ct);
        // Who loses a counting finding: their review items close and their rules are evaluated again, in this transaction.
        var affected = await db.ScreeningFindings.AsNoTracking()
            .Where(f => f.ListSlug == listSlug && (f.State == FindingStates.Open || f.State == FindingStates.Confirmed))
            .Select(f => new { f.PlatformId, f.AdvertiserId }).Distinct().ToListAsync(ct);
        var delisted = await db.ScreeningFindings
            .Where(f => f.ListSlug == listSlug && (f.State == FindingStates.Open || f.State == FindingStates.Confirmed))
            .ExecuteUpdateAsync(s => s
                .SetProperty(f => f.State, FindingStates.Delisted)
                .SetProperty(f => f.DelistedAt, now)
                .SetProperty(f => f.SnapshotId, marker.Id), ct);
        foreach (var batch in affected.Select(a => a.AdvertiserId).Distinct().Chunk(Evaluations.EvaluationJobs.AdvertisersPerJob))
        {
            await FindingReviewItems.SyncAsync(db, batch, now, ct);
            await db.SaveChangesAsync(ct);
        }
        var evaluations = Evaluations.EvaluationJobs.AddAfterFindingChanges(db, clock, affected.Select(a => (a.PlatformId, a.AdvertiserId)));
        AuditTrail.Record(db, clock, "cli", "screening.list.withdrawn", subject: $"list:{listSlug}",
            detail: $"snapshot {current.Id} withdrawn by {marker.Id}; {delisted} findings delisted: {reason.Trim()}");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        if (evaluations > 0) Jobs.JobSignal.Poke();
        return new ListRemovalSummary(current.Id, listSlug, marker.Id, delisted);
    }

    public static Command Command()
    {
        var slug = new Argument<string>("SLUG") { Description = "The list to withdraw, e.g. us-dhs-bod-17-01" };
        var reason = new Option<string>("--reason") { Description = "Why the list is withdrawn (kept with the withdrawal and in the audit trail)", Required = true };
        var command = new Command("remove", "Withdraw a whole list: it stops matching on every node and its findings become delisted; history is kept") { slug, reason };
        command.SetHandler(async (parse, ct) =>
        {
            await using var services = await CliHost.OpenAsync(parse, ct);
            await using var scope = services.CreateAsyncScope();
            var summary = await RunAsync(scope.ServiceProvider.GetRequiredService<CandorDb>(), scope.ServiceProvider.GetRequiredService<TimeProvider>(),
                parse.GetValue(slug)!, parse.GetValue(reason)!, ct);
            await Console.Error.WriteLineAsync($"lists remove: '{summary.List}' withdrawn (snapshot {summary.SnapshotId} is no longer current); {summary.DelistedFindings} findings delisted");
            Console.WriteLine(JsonSerializer.Serialize(summary, CandorJson.Output));
            return CliHost.Ok;
        });
        return command;
    }
}
