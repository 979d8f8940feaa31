using System.Globalization;
using Candor.Data;
using Candor.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace Candor.Features.Review;

public enum ReviewActionResult
{
    Done,
    NotFound,
    /// <summary>Someone else's claim is still running.</summary>
    HeldByOther,
    /// <summary>The caller does not hold the claim the action needs.</summary>
    NotHolder,
    /// <summary>The item is no longer open (dismissed, decided or resolved).</summary>
    Closed,
    Invalid,
}

public sealed record ReviewActionOutcome(ReviewActionResult Result, string? Problem = null, string? HolderEmail = null, DateTimeOffset? HeldUntil = null)
{
    public bool Succeeded => Result == ReviewActionResult.Done;
}

/// <summary>
/// Claim, release, dismiss and close-as-decided. Each change is one conditional UPDATE (compare-and-set, as
/// <see cref="Jobs.JobLease"/>): PostgreSQL re-checks the condition on the row after waiting for its lock and SQLite has
/// one writer at a time, so of two reviewers claiming at once on two nodes exactly one gets the item. The holder is
/// whoever claimed last: after the lease runs out someone else may take the item, and from then on only they can act.
/// Each change commits with its audit entry.
/// </summary>
public static class ReviewActions
{
    public const string ClaimAction = "review.claim";
    public const string ReleaseAction = "review.release";
    public const string DismissAction = "review.dismiss";
    public const string DecidedAction = "review.decided";

    public static async Task<ReviewActionOutcome> ClaimAsync(CandorDb db, TimeProvider clock, ReviewOptions options, long platformId, long itemId,
        long userId, string actor, string? remoteAddress, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var until = now + options.ClaimLease;
        return await ChangeAsync(db, clock, platformId, itemId, userId, actor, remoteAddress, ClaimAction, $"until {until:O}",
            items => items.Where(r => r.SubjectKind != Screening.Vetting.FindingReviewItems.SubjectKind
                    && (r.ClaimedByUserId == null || r.ClaimedUntil < now || r.ClaimedByUserId == userId))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(r => r.ClaimedByUserId, userId)
                    .SetProperty(r => r.ClaimedUntil, until)
                    .SetProperty(r => r.UpdatedAt, now), ct), ct);
    }

    public static Task<ReviewActionOutcome> ReleaseAsync(CandorDb db, TimeProvider clock, long platformId, long itemId, long userId, string actor,
        string? remoteAddress, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return ChangeAsync(db, clock, platformId, itemId, userId, actor, remoteAddress, ReleaseAction, null,
            items => items.Where(r => r.ClaimedByUserId == userId).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.ClaimedByUserId, (long?)null)
                .SetProperty(r => r.ClaimedUntil, (DateTimeOffset?)null)
                .SetProperty(r => r.UpdatedAt, now), ct), ct);
    }

    public static async Task<ReviewActionOutcome> DismissAsync(CandorDb db, TimeProvider clock, long platformId, long itemId, long userId, string actor,
        string? remoteAddress, string? reason, CancellationToken ct)
    {
        if (DismissReasons.Problem(reason) is { } problem) return new(ReviewActionResult.Invalid, problem);
        var text = reason!.Trim();
        var now = clock.GetUtcNow();
        return await ChangeAsync(db, clock, platformId, itemId, userId, actor, remoteAddress, DismissAction, text,
            items => items.Where(r => r.ClaimedByUserId == userId).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.State, ReviewStates.Dismissed)
                .SetProperty(r => r.DismissReason, text)
                .SetProperty(r => r.ClosedByUserId, userId)
                .SetProperty(r => r.ClosedAt, now)
                .SetProperty(r => r.ClaimedUntil, (DateTimeOffset?)null)
                .SetProperty(r => r.UpdatedAt, now), ct), ct);
    }

    /// <summary>Closes the item with the decision its holder wrote from it (called right after the decision is stored).</summary>
    public static Task<ReviewActionOutcome> MarkDecidedAsync(CandorDb db, TimeProvider clock, long platformId, long itemId, long userId, string actor,
        string? remoteAddress, long decisionId, Guid decisionUuid, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return ChangeAsync(db, clock, platformId, itemId, userId, actor, remoteAddress, DecidedAction, $"decision {decisionUuid}",
            items => items.Where(r => r.ClaimedByUserId == userId).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.State, ReviewStates.Decided)
                .SetProperty(r => r.DecisionId, decisionId)
                .SetProperty(r => r.ClosedByUserId, userId)
                .SetProperty(r => r.ClosedAt, now)
                .SetProperty(r => r.ClaimedUntil, (DateTimeOffset?)null)
                .SetProperty(r => r.UpdatedAt, now), ct), ct);
    }

    /// <summary>Whether the person holds the item's claim (and it is open): checked before a decision is written from it.</summary>
    public static async Task<ReviewActionOutcome> CheckHolderAsync(CandorDb db, TimeProvider clock, long platformId, long itemId, long userId, CancellationToken ct) =>
        await IsHolderAsync(db, platformId, itemId, userId, ct) ? new(ReviewActionResult.Done) : await ExplainAsync(db, clock.GetUtcNow(), platformId, itemId, userId, ct);

    private static Task<bool> IsHolderAsync(CandorDb db, long platformId, long itemId, long userId, CancellationToken ct) =>
        db.ReviewItems.AnyAsync(r => r.Id == itemId && r.PlatformId == platformId && r.State == ReviewStates.Open && r.ClaimedByUserId == userId, ct);

    private static async Task<ReviewActionOutcome> ChangeAsync(CandorDb db, TimeProvider clock, long platformId, long itemId, long userId, string actor,
        string? remoteAddress, string action, string? detail, Func<IQueryable<ReviewItem>, Task<int>> update, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var changed = await update(db.ReviewItems.Where(r => r.Id == itemId && r.PlatformId == platformId && r.State == ReviewStates.Open));
        if (changed == 0) return await ExplainAsync(db, clock.GetUtcNow(), platformId, itemId, userId, ct);
        AuditTrail.Record(db, clock, actor, action, platformId, "review-item " + itemId.ToString(CultureInfo.InvariantCulture), remoteAddress, detail);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new(ReviewActionResult.Done);
    }

    /// <summary>Why a change did not apply, read after the fact (the row may have moved on; the answer describes it now).</summary>
    private static async Task<ReviewActionOutcome> ExplainAsync(CandorDb db, DateTimeOffset now, long platformId, long itemId, long userId, CancellationToken ct)
    {
        var item = await db.ReviewItems.AsNoTracking().Where(r => r.Id == itemId && r.PlatformId == platformId)
            .Select(r => new { r.State, r.SubjectKind, r.ClaimedByUserId, r.ClaimedUntil, Holder = db.Users.Where(u => u.Id == r.ClaimedByUserId).Select(u => u.Email).FirstOrDefault() })
            .FirstOrDefaultAsync(ct);
        if (item is null) return new(ReviewActionResult.NotFound, "No such review item on this platform.");
        if (item.State != ReviewStates.Open) return new(ReviewActionResult.Closed, $"The item is {item.State}; only an open item can be worked.");
        if (item.SubjectKind == Screening.Vetting.FindingReviewItems.SubjectKind)
            return new(ReviewActionResult.Closed, "A screening finding is worked on its own page: clear or confirm it there, and this item closes.");
        if (item.ClaimedByUserId is { } holder && holder != userId && item.ClaimedUntil >= now)
            return new(ReviewActionResult.HeldByOther, $"Claimed by {item.Holder} until {item.ClaimedUntil:yyyy-MM-dd HH:mm} UTC.", item.Holder, item.ClaimedUntil);
        return new(ReviewActionResult.NotHolder, "Claim the item first: only the person holding its claim can act on it.");
    }
}
