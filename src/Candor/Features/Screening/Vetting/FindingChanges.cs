namespace Candor.Features.Screening.Vetting;

/// <summary>Which advertisers' findings changed in a way the screening predicate can see. Pure.</summary>
public static class FindingChanges
{
    /// <summary>The states the screening predicate reads (cleared and delisted findings no longer count).</summary>
    public static bool Counts(string state) => state is FindingStates.Open or FindingStates.Confirmed;

    /// <summary>
    /// Advertisers with a finding that started or stopped counting, or whose score changed while it counts (a rule's
    /// <c>min_score</c> may now be met or missed). <paramref name="before"/> holds each existing finding's state and score
    /// as loaded; the findings themselves carry the state after reconciliation.
    /// </summary>
    public static List<(long PlatformId, long AdvertiserId)> ChangedAdvertisers(
        IReadOnlyDictionary<ScreeningFinding, (string State, double Score)> before, IEnumerable<ScreeningFinding> added)
    {
        var changed = new HashSet<(long, long)>();
        foreach (var (finding, was) in before)
        {
            var countedBefore = Counts(was.State);
            var countsNow = Counts(finding.State);
            if (countedBefore != countsNow || (countsNow && !finding.Score.Equals(was.Score)))
                changed.Add((finding.PlatformId, finding.AdvertiserId));
        }
        foreach (var finding in added.Where(f => Counts(f.State))) changed.Add((finding.PlatformId, finding.AdvertiserId));
        return changed.OrderBy(c => c.Item1).ThenBy(c => c.Item2).ToList();
    }
}
