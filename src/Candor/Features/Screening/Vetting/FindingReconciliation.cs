using System.Text.Json;
using Candor.Infrastructure;

namespace Candor.Features.Screening.Vetting;

/// <summary>One name of one advertiser that matched a list entry in this screening run.</summary>
public sealed record FindingHit(long PlatformId, long AdvertiserId, string Subject, string SubjectRole, ScreenMatch Match, string EntryKey,
    string? EntryHash = null);

/// <summary>Turns a screening run into finding changes. Pure: the caller loads and saves.</summary>
public static class FindingReconciliation
{
    /// <summary>
    /// Updates <paramref name="existing"/> (the screened advertisers' findings) in place and returns the findings to add.
    /// <list type="bullet">
    /// <item>A hit seen before refreshes it; a delisted one that matches again reopens.</item>
    /// <item>A new hit opens a review item.</item>
    /// <item>A cleared finding stays cleared while its entry is unchanged (same entry hash as when it was cleared); the
    /// name is part of the finding's key, so a renamed advertiser is a new finding anyway. When the entry changed, the
    /// reviewer's judgement was about something else: the finding reopens, keeping who cleared it and why.</item>
    /// <item>An open or confirmed finding whose entry is no longer in its list's current snapshot, or whose list was
    /// withdrawn altogether, becomes delisted.</item>
    /// </list>
    /// Hits on a list in <paramref name="withdrawnLists"/> are ignored: an index built before the withdrawal must not
    /// bring its findings back.
    /// </summary>
    public static List<ScreeningFinding> Apply(IReadOnlyList<ScreeningFinding> existing, IEnumerable<FindingHit> hits,
        LoadedIndex index, DateTimeOffset now, IReadOnlySet<string>? withdrawnLists = null)
    {
        bool Withdrawn(string list) => index.IsWithdrawn(list) || (withdrawnLists?.Contains(list) ?? false);
        var byKey = existing.ToDictionary(f => (f.AdvertiserId, f.Subject, f.ListSlug, f.EntryKey));
        var seen = new HashSet<ScreeningFinding>();
        var added = new List<ScreeningFinding>();
        foreach (var hit in hits)
        {
            if (Withdrawn(hit.Match.List)) continue;
            var key = (hit.AdvertiserId, hit.Subject, hit.Match.List, hit.EntryKey);
            var explanation = JsonSerializer.Serialize(hit.Match.Explanation, CandorJson.Output);
            if (byKey.TryGetValue(key, out var finding))
            {
                seen.Add(finding);
                finding.LastSeenAt = now;
                finding.Score = hit.Match.Score;
                finding.SnapshotId = hit.Match.SnapshotId ?? finding.SnapshotId;
                finding.MatchedName = hit.Match.MatchedName;
                finding.EntryName = hit.Match.Name;
                finding.ExplanationJson = explanation;
                finding.EntryHash = hit.EntryHash ?? finding.EntryHash;
                if (finding.State == FindingStates.Delisted) (finding.State, finding.DelistedAt) = (FindingStates.Open, null);
                else if (finding.State == FindingStates.Cleared && hit.EntryHash is not null && hit.EntryHash != finding.ReviewedEntryHash)
                    (finding.State, finding.ReopenedAt) = (FindingStates.Open, now);
                continue;
            }
            finding = new ScreeningFinding
            {
                PlatformId = hit.PlatformId, AdvertiserId = hit.AdvertiserId, Subject = hit.Subject, SubjectRole = hit.SubjectRole,
                ListSlug = hit.Match.List, SnapshotId = hit.Match.SnapshotId ?? 0, EntryKey = hit.EntryKey, SourceId = hit.Match.SourceId,
                EntryName = hit.Match.Name, MatchedName = hit.Match.MatchedName, Score = hit.Match.Score, ExplanationJson = explanation,
                State = FindingStates.Open, FirstSeenAt = now, LastSeenAt = now, EntryHash = hit.EntryHash,
            };
            byKey[key] = finding;
            seen.Add(finding);
            added.Add(finding);
        }
        foreach (var finding in existing.Where(f => !seen.Contains(f) && f.State is FindingStates.Open or FindingStates.Confirmed))
        {
            if (Withdrawn(finding.ListSlug))
            {
                (finding.State, finding.DelistedAt) = (FindingStates.Delisted, now);
                continue;
            }
            // Only a list that is still loaded can say an entry left it; a list missing for another reason proves nothing.
            if (index.SnapshotOf(finding.ListSlug) is not { } snapshot || index.HasEntry(finding.ListSlug, finding.EntryKey)) continue;
            finding.State = FindingStates.Delisted;
            finding.DelistedAt = now;
            finding.SnapshotId = snapshot;
        }
        return added;
    }
}
