using System.Globalization;
using System.Text.Json;
using Candor.Data;
using Microsoft.EntityFrameworkCore;

namespace Candor.Features.Review;

/// <summary>
/// One item as the queue shows it. <see cref="ClaimedBy"/> is set only while the claim's lease runs. <see cref="FindingId"/>
/// is set for a screening finding's item, which is worked on the finding's page.
/// </summary>
public sealed record ReviewQueueRow(
    long Id, string State, string SubjectKind, string? AdvertiserId, string? AdvertiserName, string? AdId, string? AdTitle,
    string PolicyId, string PolicyVersion, string ClauseId, IReadOnlyList<string> RuleIds, int Priority, DateTimeOffset CreatedAt,
    long? ClaimedByUserId, string? ClaimedBy, DateTimeOffset? ClaimedUntil, string? DismissReason, long? DecisionId, Guid? DecisionUuid,
    string? ClosedBy, DateTimeOffset? ClosedAt, long? FindingId = null);

public sealed record ReviewQueuePage(IReadOnlyList<ReviewQueueRow> Items, string? NextCursor);

/// <summary>
/// The platform's review items, highest priority first, then oldest first (then by id, so the order is total and a
/// cursor can resume it). The platform filter is in the query: another platform's items never load.
/// </summary>
public static class ReviewListing
{
    public const int MaxLimit = 100;
    public static readonly IReadOnlyList<string> States = [ReviewStates.Open, ReviewStates.Dismissed, ReviewStates.Decided, ReviewStates.Resolved];

    /// <summary>Null cursor or state means the first page / every state. Returns null when the cursor is not one we handed out.</summary>
    public static async Task<ReviewQueuePage?> ListAsync(CandorDb db, long platformId, string? state, string? clause, string? cursor, int limit,
        DateTimeOffset now, CancellationToken ct)
    {
        var items = db.ReviewItems.AsNoTracking().Where(r => r.PlatformId == platformId);
        if (state is not null) items = items.Where(r => r.State == state);
        if (clause is not null) items = items.Where(r => r.ClauseId == clause);
        if (cursor is not null)
        {
            if (Cursor.Parse(cursor) is not { } c) return null;
            items = items.Where(r => r.Priority < c.Priority
                || (r.Priority == c.Priority && (r.CreatedAt > c.CreatedAt || (r.CreatedAt == c.CreatedAt && r.Id > c.Id))));
        }
        var rows = await Project(db, items.OrderByDescending(r => r.Priority).ThenBy(r => r.CreatedAt).ThenBy(r => r.Id).Take(limit + 1))
            .ToListAsync(ct);
        var page = rows.Take(limit).Select(r => r.ToRow(now)).ToList();
        var next = rows.Count > limit ? new Cursor(page[^1].Priority, page[^1].CreatedAt, page[^1].Id).ToString() : null;
        return new ReviewQueuePage(page, next);
    }

    public static async Task<ReviewQueueRow?> GetAsync(CandorDb db, long platformId, long id, DateTimeOffset now, CancellationToken ct) =>
        (await Project(db, db.ReviewItems.AsNoTracking().Where(r => r.PlatformId == platformId && r.Id == id)).FirstOrDefaultAsync(ct))?.ToRow(now);

    /// <summary>The clause ids that have items, for the filter.</summary>
    public static Task<List<string>> ClausesAsync(CandorDb db, long platformId, CancellationToken ct) =>
        db.ReviewItems.AsNoTracking().Where(r => r.PlatformId == platformId).Select(r => r.ClauseId).Distinct().OrderBy(c => c).ToListAsync(ct);

    internal sealed record Loaded(
        long Id, string State, string SubjectKind, string SubjectKey, string? AdvertiserId, string? AdvertiserName, string? AdId, string? AdTitle,
        string PolicyId, string PolicyVersion, string ClauseId, string RuleIdsJson, int Priority, DateTimeOffset CreatedAt,
        long? ClaimedByUserId, string? ClaimedBy, DateTimeOffset? ClaimedUntil, string? DismissReason, long? DecisionId, Guid? DecisionUuid,
        string? ClosedBy, DateTimeOffset? ClosedAt)
    {
        public ReviewQueueRow ToRow(DateTimeOffset now)
        {
            var held = ClaimedByUserId is not null && ClaimedUntil >= now && State == ReviewStates.Open;
            return new(Id, State, SubjectKind, AdvertiserId, AdvertiserName, AdId, AdTitle, PolicyId, PolicyVersion, ClauseId,
                JsonSerializer.Deserialize<List<string>>(RuleIdsJson) ?? [], Priority, CreatedAt,
                held ? ClaimedByUserId : null, held ? ClaimedBy : null, held ? ClaimedUntil : null, DismissReason, DecisionId, DecisionUuid, ClosedBy, ClosedAt,
                SubjectKind == Screening.Vetting.FindingReviewItems.SubjectKind ? Screening.Vetting.FindingReviewItems.FindingIdOf(SubjectKey) : null);
        }
    }

    private static IQueryable<Loaded> Project(CandorDb db, IQueryable<ReviewItem> items) =>
        items.Select(r => new Loaded(r.Id, r.State, r.SubjectKind, r.SubjectKey,
            db.Advertisers.Where(a => a.Id == r.AdvertiserId).Select(a => a.ExternalId).FirstOrDefault(),
            db.Advertisers.Where(a => a.Id == r.AdvertiserId).Select(a => a.LegalName).FirstOrDefault(),
            db.Ads.Where(a => a.Id == r.AdId).Select(a => a.ExternalId).FirstOrDefault(),
            db.Ads.Where(a => a.Id == r.AdId).Select(a => a.Title).FirstOrDefault(),
            r.PolicyId, r.PolicyVersion, r.ClauseId, r.RuleIdsJson, r.Priority, r.CreatedAt,
            r.ClaimedByUserId, db.Users.Where(u => u.Id == r.ClaimedByUserId).Select(u => u.Email).FirstOrDefault(), r.ClaimedUntil,
            r.DismissReason, r.DecisionId, db.Decisions.Where(d => d.Id == r.DecisionId).Select(d => (Guid?)d.Uuid).FirstOrDefault(),
            db.Users.Where(u => u.Id == r.ClosedByUserId).Select(u => u.Email).FirstOrDefault(), r.ClosedAt));

    /// <summary>Where a page ended: its last row's sort key. Opaque to clients.</summary>
    private sealed record Cursor(int Priority, DateTimeOffset CreatedAt, long Id)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Priority}.{CreatedAt.UtcTicks}.{Id}");

        public static Cursor? Parse(string text)
        {
            var parts = text.Split('.');
            return parts.Length == 3
                   && int.TryParse(parts[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var priority)
                   && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                   && ticks <= DateTimeOffset.MaxValue.UtcTicks
                   && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                ? new Cursor(priority, new DateTimeOffset(ticks, TimeSpan.Zero), id)
                : null;
        }
    }
}
