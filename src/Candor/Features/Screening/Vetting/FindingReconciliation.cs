using System.Text.Json;
using Candor.Infrastructure;

namespace Candor.Features.Screening.Vetting;

/// <summary>One name of one advertiser that matched a list entry in this screening run.</summary>
public sealed record FindingHit(long PlatformId, long AdvertiserId, string Subject, string SubjectRole, ScreenMatch Match, string EntryKey);

/// <summary>Turns a screening run into finding changes. Pure: the caller loads and saves.</summary>
public static class FindingReconciliation
{
    /// <summary>
    /// Updates <paramref name="existing"/> (the screened advertisers' findings) in place and returns the findings to add.
    /// A hit seen before refreshes it (a delisted one that matches again reopens); a new hit opens a review item; an
    /// open or confirmed finding whose entry is no longer in its list's current snapshot becomes delisted. Cleared
    /// findings stay cleared: a reviewer already decided they are not the party.
    /// </summary>
    public static List<ScreeningFinding> Apply(IReadOnlyList<ScreeningFinding> existing, IEnumerable<FindingHit> hits,
        LoadedIndex index, DateTimeOffset now)
    {
        var byKey = existing.ToDictionary(f => (f.AdvertiserId, f.Subject, f.ListSlug, f.EntryKey));
        var seen = new HashSet<ScreeningFinding>();
        var added = new List<ScreeningFinding>();
        foreach (var hit in hits)
        {
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
                if (finding.State == FindingStates.Delisted) (finding.State, finding.DelistedAt) = (FindingStates.Open, null);
                continue;
            }
            finding = new ScreeningFinding
            {
                PlatformId = hit.PlatformId, AdvertiserId = hit.AdvertiserId, Subject = hit.Subject, SubjectRole = hit.SubjectRole,
                ListSlug = hit.Match.List, SnapshotId = hit.Match.SnapshotId ?? 0, EntryKey = hit.EntryKey, SourceId = hit.Match.SourceId,
                EntryName = hit.Match.Name, MatchedName = hit.Match.MatchedName, Score = hit.Match.Score, ExplanationJson = explanation,
                State = FindingStates.Open, FirstSeenAt = now, LastSeenAt = now,
            };
            byKey[key] = finding;
            seen.Add(finding);
            added.Add(finding);
        }
        foreach (var finding in existing.Where(f => !seen.Contains(f) && f.State is FindingStates.Open or FindingStates.Confirmed))
        {
            // Only a list that is still loaded can say an entry left it; a list missing altogether proves nothing.
            if (index.SnapshotOf(finding.ListSlug) is not { } snapshot || index.HasEntry(finding.ListSlug, finding.EntryKey)) continue;
            finding.State = FindingStates.Delisted;
            finding.DelistedAt = now;
            finding.SnapshotId = snapshot;
        }
        return added;
    }
}
