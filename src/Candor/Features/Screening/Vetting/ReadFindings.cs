using System.Globalization;
using System.Text.Json;
using Candor.Data;
using Candor.Features.Screening.Lists;
using Candor.Features.Screening.Matching;
using Candor.Features.Screening.Storage;
using Candor.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Candor.Features.Screening.Vetting;

/// <summary>Who last cleared or confirmed a finding and why; <c>reopened_at</c> when the entry changed since.</summary>
public sealed record FindingReviewView(string By, DateTimeOffset At, string Reason, DateTimeOffset? ReopenedAt);

public sealed record FindingSummary(
    long Id, string AdvertiserId, string AdvertiserName, string Subject, string SubjectRole, string List, string SourceId,
    string EntryName, string MatchedName, double Score, string State, DateTimeOffset FirstSeenAt, DateTimeOffset LastSeenAt,
    DateTimeOffset? DelistedAt, FindingReviewView? Review);

public sealed record FindingPage(IReadOnlyList<FindingSummary> Findings, string? NextCursor);

/// <summary>The list entry a finding points at, as stored in the snapshot that last had it.</summary>
public sealed record FindingEntryView(
    string List, string SourceId, string PrimaryName, EntityType Type, IReadOnlyList<ListAlias> Aliases, IReadOnlyList<string> Countries,
    IReadOnlyList<string> DatesOfBirth, IReadOnlyList<string> Programs, string? Remarks, string? SourceUrl,
    long SnapshotId, DateOnly SnapshotAsOf, string? ListSourceUrl);

public sealed record FindingDetail(FindingSummary Finding, long SnapshotId, MatchExplanation Explanation, FindingEntryView? Entry);

/// <summary>What the reviewers' list shows: one state (or all), optionally one list.</summary>
public sealed record FindingFilter(string? State = FindingStates.Open, string? List = null, string? Cursor = null, int Limit = 50);

/// <summary>
/// A platform's findings for its reviewers (console pages and <c>GET /api/v1/screening/findings</c>). Every query filters
/// by the caller's platform, so another platform's finding is simply not found.
/// </summary>
public static class ReadFindings
{
    public const int MaxLimit = 200;
    public const string AllStates = "all";
    public static readonly IReadOnlyList<string> States = [FindingStates.Open, FindingStates.Cleared, FindingStates.Confirmed, FindingStates.Delisted];

    private sealed record Row(ScreeningFinding F, string AdvertiserId, string AdvertiserName);

    /// <summary>Best score first, then oldest first (the longest-waiting of equal scores), then id; keyset pages.</summary>
    public static async Task<(FindingPage? Page, FieldErrors Errors)> PageAsync(CandorDb db, long platformId, FindingFilter filter, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var state = string.IsNullOrWhiteSpace(filter.State) ? FindingStates.Open : filter.State;
        if (state != AllStates && !States.Contains(state)) errors.Add("state", $"must be one of {string.Join(", ", States)} or {AllStates}");
        if (filter.Limit is < 1 or > MaxLimit) errors.Add("limit", $"must be between 1 and {MaxLimit}");
        if (filter.List is { Length: > 64 }) errors.Add("list", "is a list slug of at most 64 characters");
        var after = filter.Cursor is null ? null : ParseCursor(filter.Cursor);
        if (filter.Cursor is not null && after is null) errors.Add("cursor", "pass next_cursor from the previous page unchanged");
        if (errors.Any) return (null, errors);

        var query = db.ScreeningFindings.AsNoTracking().Where(f => f.PlatformId == platformId);
        if (state != AllStates) query = query.Where(f => f.State == state);
        if (!string.IsNullOrWhiteSpace(filter.List)) query = query.Where(f => f.ListSlug == filter.List);
        if (after is { } a)
        {
            var (score, seen, id) = a;
            query = query.Where(f => f.Score < score || (f.Score == score && (f.FirstSeenAt > seen || (f.FirstSeenAt == seen && f.Id > id))));
        }
        var rows = await Joined(db, query.OrderByDescending(f => f.Score).ThenBy(f => f.FirstSeenAt).ThenBy(f => f.Id).Take(filter.Limit + 1))
            .ToListAsync(ct);
        var page = rows.Take(filter.Limit).Select(Summary).ToList();
        var next = rows.Count > filter.Limit ? Cursor(rows[filter.Limit - 1].F) : null;
        return (new FindingPage(page, next), errors);
    }

    public static async Task<FindingDetail?> DetailAsync(CandorDb db, long platformId, long id, CancellationToken ct)
    {
        var row = await Joined(db, db.ScreeningFindings.AsNoTracking().Where(f => f.PlatformId == platformId && f.Id == id)).FirstOrDefaultAsync(ct);
        if (row is null) return null;
        var f = row.F;
        var explanation = JsonSerializer.Deserialize<MatchExplanation>(f.ExplanationJson, CandorJson.Output)!;
        return new FindingDetail(Summary(row), f.SnapshotId, explanation, await EntryAsync(db, f, ct));
    }

    /// <summary>
    /// The entry from the finding's snapshot; a delisted finding's snapshot lacks it, so then from the newest snapshot of
    /// the list that still has it. Lists are instance-wide public data, so this reveals nothing of another platform.
    /// </summary>
    private static async Task<FindingEntryView?> EntryAsync(CandorDb db, ScreeningFinding f, CancellationToken ct)
    {
        var stored = await (from e in db.ListEntries.AsNoTracking()
                            join s in db.ListSnapshots.AsNoTracking() on e.SnapshotId equals s.Id
                            where e.SnapshotId == f.SnapshotId && e.EntryKey == f.EntryKey
                            select new { e, s.AsOf, s.SourceUrl }).FirstOrDefaultAsync(ct)
            ?? await (from e in db.ListEntries.AsNoTracking()
                      join s in db.ListSnapshots.AsNoTracking() on e.SnapshotId equals s.Id
                      where s.ListSlug == f.ListSlug && s.State == SnapshotStates.Complete && e.EntryKey == f.EntryKey
                      orderby s.Id descending
                      select new { e, s.AsOf, s.SourceUrl }).FirstOrDefaultAsync(ct);
        if (stored is null) return null;
        var entry = StoredEntries.ToEntry(f.ListSlug, stored.e);
        return new FindingEntryView(entry.List, entry.SourceId, entry.PrimaryName, entry.Type, entry.Aliases, entry.Countries,
            entry.DatesOfBirth, entry.Programs, entry.Remarks, entry.SourceUrl, stored.e.SnapshotId, stored.AsOf, stored.SourceUrl);
    }

    private static IQueryable<Row> Joined(CandorDb db, IQueryable<ScreeningFinding> findings) =>
        from f in findings
        join a in db.Advertisers on f.AdvertiserId equals a.Id
        select new Row(f, a.ExternalId, a.LegalName);

    private static FindingSummary Summary(Row row)
    {
        var f = row.F;
        var review = f is { ReviewedBy: { } by, ReviewedAt: { } at, ReviewReason: { } reason } ? new FindingReviewView(by, at, reason, f.ReopenedAt) : null;
        return new FindingSummary(f.Id, row.AdvertiserId, row.AdvertiserName, f.Subject, f.SubjectRole, f.ListSlug, f.SourceId, f.EntryName,
            f.MatchedName, f.Score, f.State, f.FirstSeenAt, f.LastSeenAt, f.DelistedAt, review);
    }

    private static string Cursor(ScreeningFinding f) =>
        string.Create(CultureInfo.InvariantCulture, $"{f.Score:R}_{f.FirstSeenAt.UtcTicks}_{f.Id}");

    private static (double Score, DateTimeOffset Seen, long Id)? ParseCursor(string cursor)
    {
        var parts = cursor.Split('_');
        return parts.Length == 3
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var score) && double.IsFinite(score)
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks <= DateTimeOffset.MaxValue.UtcTicks
            && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? (score, new DateTimeOffset(ticks, TimeSpan.Zero), id)
            : null;
    }
}
