using System.Globalization;
using System.Text.Json;
using Candor.Data;
using Candor.Features.Review;
using Microsoft.EntityFrameworkCore;

namespace Candor.Features.Screening.Vetting;

/// <summary>
/// Puts every open screening finding in the review queue, whether or not a policy rule reads screening: one open
/// <see cref="ReviewItem"/> per open finding (subject <c>finding:{id}</c>, clause <see cref="ClauseId"/>), refreshed when
/// its score changes and resolved when the finding is cleared, confirmed or delisted. The item is worked on the finding's
/// own page (clear / confirm); a rule hit on the same advertiser is a separate item about what to do with the account.
/// </summary>
public static class FindingReviewItems
{
    public const string SubjectKind = "finding";
    /// <summary>Stands where a policy clause id would; no catalogue clause can have it (clause ids carry a policy prefix).</summary>
    public const string ClauseId = "screening-finding";
    public const string PolicyId = "screening";
    /// <summary>Below a rule's illegal-content account suspension (80), above a plain text review (10-50).</summary>
    public const int BasePriority = 50;

    public static string KeyOf(long findingId) => "finding:" + findingId.ToString(CultureInfo.InvariantCulture);

    public static long? FindingIdOf(string subjectKey) =>
        subjectKey.StartsWith("finding:", StringComparison.Ordinal)
        && long.TryParse(subjectKey.AsSpan(8), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary>Better matches first among findings: 50 + 10 × score, rounded (a 0.93 match scores 59).</summary>
    public static int PriorityOf(double score) => BasePriority + (int)Math.Round(10 * Math.Clamp(score, 0, 1), MidpointRounding.AwayFromZero);

    /// <summary>What the queue's "rules" column shows for a finding: the list and the entry's own id.</summary>
    public static string EntryRef(string list, string sourceId) => list + "/" + sourceId;

    /// <summary>
    /// Brings the finding items of these advertisers in line with their findings (two queries). Adds the changes to the
    /// context; the caller saves in the transaction that changed the findings. <paramref name="closedByUserId"/> is the
    /// reviewer whose decision on a finding closes its item, if a person.
    /// </summary>
    public static async Task SyncAsync(CandorDb db, IReadOnlyCollection<long> advertiserIds, DateTimeOffset now, CancellationToken ct,
        long? closedByUserId = null)
    {
        if (advertiserIds.Count == 0) return;
        var ids = advertiserIds.Distinct().ToList();
        var open = await db.ScreeningFindings.AsNoTracking()
            .Where(f => EF.Parameter(ids).Contains(f.AdvertiserId) && f.State == FindingStates.Open)
            .Select(f => new { f.Id, f.PlatformId, f.AdvertiserId, f.ListSlug, f.SourceId, f.Score }).ToListAsync(ct);
        var items = await db.ReviewItems
            .Where(r => EF.Parameter(ids).Contains(r.AdvertiserId) && r.SubjectKind == SubjectKind && r.State == ReviewStates.Open)
            .ToListAsync(ct);
        var itemByKey = items.ToDictionary(r => r.SubjectKey, StringComparer.Ordinal);
        foreach (var f in open)
        {
            var key = KeyOf(f.Id);
            var rules = JsonSerializer.Serialize(new[] { EntryRef(f.ListSlug, f.SourceId) });
            if (itemByKey.Remove(key, out var item))
            {
                if (item.Priority == PriorityOf(f.Score) && item.RuleIdsJson == rules) continue;
                (item.Priority, item.RuleIdsJson, item.UpdatedAt) = (PriorityOf(f.Score), rules, now);
                continue;
            }
            db.ReviewItems.Add(new ReviewItem
            {
                PlatformId = f.PlatformId, SubjectKey = key, SubjectKind = SubjectKind, AdvertiserId = f.AdvertiserId, AdId = null,
                EvaluationId = null, PolicyId = PolicyId, PolicyVersion = "", ClauseId = ClauseId, RuleIdsJson = rules,
                Priority = PriorityOf(f.Score), State = ReviewStates.Open, CreatedAt = now, UpdatedAt = now,
            });
        }
        // What is left has no open finding behind it any more: cleared, confirmed or delisted.
        foreach (var item in itemByKey.Values)
        {
            item.State = ReviewStates.Resolved;
            item.ClosedAt = now;
            item.UpdatedAt = now;
            item.ClosedByUserId = closedByUserId;
            item.ClaimedByUserId = null;
            item.ClaimedUntil = null;
        }
    }
}
