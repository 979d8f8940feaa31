using Candor.Features.Screening;
using Candor.Features.Screening.Lists;
using Candor.Features.Screening.Matching;
using Candor.Features.Screening.Vetting;

namespace Candor.Tests.Screening.Vetting;

/// <summary>The pure parts of reviewing: which transitions are allowed, and what a rescreen does to reviewed findings.</summary>
public sealed class FindingReviewRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 3, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(FindingStates.Open, FindingVerdict.Clear, false, FindingStates.Cleared)]
    [InlineData(FindingStates.Open, FindingVerdict.Confirm, false, FindingStates.Confirmed)]
    [InlineData(FindingStates.Cleared, FindingVerdict.Confirm, true, FindingStates.Confirmed)]
    [InlineData(FindingStates.Confirmed, FindingVerdict.Clear, true, FindingStates.Cleared)]
    public void Allowed_reviews_move_the_finding(string state, FindingVerdict verdict, bool senior, string expected) =>
        Assert.Equal(expected, FindingReview.Decide(state, verdict, "checked the registry", senior).NewState);

    [Theory]
    [InlineData(FindingStates.Cleared, FindingVerdict.Confirm, false)]
    [InlineData(FindingStates.Confirmed, FindingVerdict.Clear, false)]
    [InlineData(FindingStates.Cleared, FindingVerdict.Clear, true)]
    [InlineData(FindingStates.Delisted, FindingVerdict.Clear, true)]
    [InlineData(FindingStates.Delisted, FindingVerdict.Confirm, true)]
    public void Other_reviews_are_a_conflict(string state, FindingVerdict verdict, bool senior)
    {
        var outcome = FindingReview.Decide(state, verdict, "reason", senior);

        Assert.Null(outcome.NewState);
        Assert.True(outcome.Conflict);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \n ")]
    public void A_review_without_a_reason_is_refused(string? reason)
    {
        var outcome = FindingReview.Decide(FindingStates.Open, FindingVerdict.Clear, reason, mayRedecide: true);

        Assert.Equal((null, false), (outcome.NewState, outcome.Conflict));
        Assert.Contains("Say why", outcome.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reason_over_the_limit_is_refused() =>
        Assert.Null(FindingReview.Decide(FindingStates.Open, FindingVerdict.Confirm, new string('x', FindingReview.MaxReason + 1), false).NewState);

    private static LoadedIndex Index(string list, long snapshot, params (string Key, string Hash)[] entries) =>
        new(ScreeningIndex.Empty, [new LoadedSnapshot(snapshot, list, new DateOnly(2026, 11, 1))],
            entries.ToDictionary(e => LoadedIndex.KeyOf(list, e.Key), e => e.Hash, StringComparer.Ordinal));

    private static ScreeningFinding Cleared(string reviewedHash) => new()
    {
        Id = 7, PlatformId = 1, AdvertiserId = 2, Subject = "ZTE Corporation", SubjectRole = SubjectRoles.LegalName, ListSlug = "fcc",
        SnapshotId = 1, EntryKey = "fcc-2", SourceId = "fcc-2", EntryName = "ZTE Corporation", MatchedName = "ZTE Corporation", Score = 1,
        ExplanationJson = "{}", State = FindingStates.Cleared, FirstSeenAt = Now.AddDays(-2), LastSeenAt = Now.AddDays(-1),
        EntryHash = reviewedHash, ReviewedBy = "user:1", ReviewedAt = Now.AddDays(-1), ReviewReason = "a different ZTE", ReviewedEntryHash = reviewedHash,
    };

    private static FindingHit Hit(string entryHash) => new(1, 2, "ZTE Corporation", SubjectRoles.LegalName,
        new ScreenMatch("fcc", "fcc-2", "ZTE Corporation", "ZTE Corporation", "primary", EntityType.Organization, 1, 2,
            new MatchExplanation([], [], 1, 1, 1, "none", [], [])), "fcc-2", entryHash);

    [Fact]
    public void A_cleared_finding_stays_cleared_while_its_entry_is_unchanged()
    {
        var finding = Cleared("hash-a");

        var added = FindingReconciliation.Apply([finding], [Hit("hash-a")], Index("fcc", 2, ("fcc-2", "hash-a")), Now);

        Assert.Empty(added);
        Assert.Equal((FindingStates.Cleared, null, 2L), (finding.State, finding.ReopenedAt, finding.SnapshotId));
    }

    [Fact]
    public void A_cleared_finding_reopens_when_its_entry_changed_and_keeps_who_cleared_it()
    {
        var finding = Cleared("hash-a");

        FindingReconciliation.Apply([finding], [Hit("hash-b")], Index("fcc", 2, ("fcc-2", "hash-b")), Now);

        Assert.Equal((FindingStates.Open, Now, "hash-b"), (finding.State, finding.ReopenedAt, finding.EntryHash));
        Assert.Equal(("user:1", "a different ZTE", "hash-a"), (finding.ReviewedBy, finding.ReviewReason, finding.ReviewedEntryHash));
    }

    [Fact]
    public void A_withdrawn_list_delists_open_and_confirmed_findings_and_its_hits_are_ignored()
    {
        var open = Cleared("h");
        open.State = FindingStates.Confirmed;
        var index = Index("other", 5) with { WithdrawnLists = new HashSet<string>(StringComparer.Ordinal) { "fcc" } };

        var added = FindingReconciliation.Apply([open], [Hit("h")], index, Now);

        Assert.Empty(added);
        Assert.Equal((FindingStates.Delisted, Now), (open.State, open.DelistedAt));
    }

    [Fact]
    public void A_list_withdrawn_after_the_index_was_built_still_wins()
    {
        var index = Index("fcc", 2, ("fcc-2", "h"));

        var added = FindingReconciliation.Apply([], [Hit("h")], index, Now, new HashSet<string>(StringComparer.Ordinal) { "fcc" });

        Assert.Empty(added);
    }
}
