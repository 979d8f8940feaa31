using Candor.Data;
using Candor.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace Candor.Features.Screening.Vetting;

public sealed record FindingReviewRequest(string? Reason);

/// <summary>The result of a review: the finding as it now is, or why not (not found, a bad reason, or a state clash).</summary>
public sealed record FindingReviewResult(FindingDetail? Finding, bool NotFound, string? Invalid, string? Conflict);

/// <summary>
/// Clearing (not the party) or confirming (the party) one of the platform's findings, from the console or the API. The
/// state change and its audit entry commit together; the change is a compare-and-set on the state read, so two
/// reviewers deciding at once cannot both win.
/// </summary>
public static class ReviewFinding
{
    public static async Task<FindingReviewResult> RunAsync(CandorDb db, TimeProvider clock, long platformId, long findingId,
        FindingVerdict verdict, string? reason, string actor, bool mayRedecide, string? remoteAddress, CancellationToken ct)
    {
        var current = await db.ScreeningFindings.AsNoTracking().Where(f => f.PlatformId == platformId && f.Id == findingId)
            .Select(f => new { f.State, f.EntryHash, f.AdvertiserId }).FirstOrDefaultAsync(ct);
        if (current is null) return new(null, NotFound: true, null, null);
        var outcome = FindingReview.Decide(current.State, verdict, reason, mayRedecide);
        if (outcome.NewState is not { } newState) return new(null, false, outcome.Conflict ? null : outcome.Refusal, outcome.Conflict ? outcome.Refusal : null);

        var now = clock.GetUtcNow();
        var why = reason!.Trim();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var changed = await db.ScreeningFindings
            .Where(f => f.Id == findingId && f.PlatformId == platformId && f.State == current.State)
            .ExecuteUpdateAsync(s => s
                .SetProperty(f => f.State, newState)
                .SetProperty(f => f.ReviewedBy, actor)
                .SetProperty(f => f.ReviewedAt, now)
                .SetProperty(f => f.ReviewReason, why)
                .SetProperty(f => f.ReviewedEntryHash, f => f.EntryHash)
                .SetProperty(f => f.ReopenedAt, (DateTimeOffset?)null), ct);
        if (changed == 0) return new(null, false, null, "Someone else reviewed this finding a moment ago; reload it and look again.");
        AuditTrail.Record(db, clock, actor, FindingReview.AuditAction(verdict), platformId, $"screening-finding:{findingId}", remoteAddress,
            $"{current.State} -> {newState}: {why}");
        // The finding's review item closes with the decision, and the advertiser's rules see the new state, both in this
        // transaction (a cleared sanctions match must stop a screening rule from firing; a confirmed one keeps it firing).
        await FindingReviewItems.SyncAsync(db, [current.AdvertiserId], now, ct, UserIdOf(actor));
        Evaluations.EvaluationJobs.AddAfterFindingChanges(db, clock, [(platformId, current.AdvertiserId)]);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        Jobs.JobSignal.Poke();
        return new(await ReadFindings.DetailAsync(db, platformId, findingId, ct), false, null, null);
    }

    private static long? UserIdOf(string actor) =>
        actor.StartsWith("user:", StringComparison.Ordinal)
        && long.TryParse(actor.AsSpan(5), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : null;
}
