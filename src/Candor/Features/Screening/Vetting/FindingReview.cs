namespace Candor.Features.Screening.Vetting;

/// <summary>What a reviewer says about a finding: not the party (clear) or the party (confirm).</summary>
public enum FindingVerdict
{
    Clear,
    Confirm,
}

/// <summary>The outcome of a review, or why it is refused.</summary>
public sealed record FindingReviewOutcome(string? NewState, string? Refusal, bool Conflict)
{
    public static FindingReviewOutcome To(string state) => new(state, null, false);
    public static FindingReviewOutcome Invalid(string why) => new(null, why, false);
    public static FindingReviewOutcome Clash(string why) => new(null, why, true);
}

/// <summary>Which reviews are allowed from which state. Pure.</summary>
public static class FindingReview
{
    public const int MaxReason = 2000;

    /// <summary>
    /// An open finding may be cleared or confirmed. Turning a decided finding round (cleared to confirmed or back) needs
    /// <paramref name="mayRedecide"/> (a senior reviewer), so one reviewer cannot quietly undo another. A delisted finding
    /// has nothing left to decide: its entry is no longer listed.
    /// </summary>
    public static FindingReviewOutcome Decide(string state, FindingVerdict verdict, string? reason, bool mayRedecide)
    {
        var target = verdict == FindingVerdict.Clear ? FindingStates.Cleared : FindingStates.Confirmed;
        var trimmed = reason?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxReason)
            return FindingReviewOutcome.Invalid($"Say why (1 to {MaxReason:N0} characters): the reason is kept with the finding and in the audit trail.");
        return state switch
        {
            FindingStates.Open => FindingReviewOutcome.To(target),
            FindingStates.Delisted => FindingReviewOutcome.Clash("The entry is no longer on its list (delisted); there is nothing left to decide."),
            _ when state == target => FindingReviewOutcome.Clash($"The finding is already {state}."),
            FindingStates.Cleared or FindingStates.Confirmed when mayRedecide => FindingReviewOutcome.To(target),
            FindingStates.Cleared or FindingStates.Confirmed => FindingReviewOutcome.Clash(
                $"The finding was already {state}; only a senior reviewer may change that decision."),
            _ => FindingReviewOutcome.Clash($"A finding in state '{state}' cannot be reviewed."),
        };
    }

    public static string AuditAction(FindingVerdict verdict) => verdict == FindingVerdict.Clear ? "screening.finding.cleared" : "screening.finding.confirmed";
}
