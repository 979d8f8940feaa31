namespace Candor.Features.Review;

/// <summary>
/// Whether a dismissal reason says something about this item. A dismissal closes a rule's hit for good, so the trail
/// must show why this hit was wrong (e.g. "the 'casino' match is the name of a street in the landing URL"), not a
/// verdict that could be pasted on any item. Pure.
/// </summary>
public static class DismissReasons
{
    public const int MinLength = 20;
    public const int MinWords = 4;
    public const int MaxLength = 2000;

    /// <summary>Verdicts without a reason; a reason that is only one of these (give or take punctuation) is refused.</summary>
    private static readonly string[] Verdicts =
    [
        "false positive", "not a violation", "no violation", "no issue", "no issues", "looks fine", "looks ok", "looks good", "ok", "fine",
        "not relevant", "irrelevant", "dismissed", "dismiss", "n/a", "none", "nothing to do", "not applicable", "rule is wrong", "wrong rule",
        "no problem", "all good", "compliant", "the ad is compliant", "this is a false positive", "this is not a violation",
    ];

    /// <summary>Null when the reason is acceptable; otherwise what is wrong with it, to show the reviewer.</summary>
    public static string? Problem(string? reason)
    {
        var text = reason?.Trim() ?? "";
        if (text.Length == 0) return "A reason is required: say why this hit does not break the clause.";
        if (text.Length > MaxLength) return $"At most {MaxLength} characters.";
        var bare = new string(text.ToLowerInvariant().Where(c => char.IsLetterOrDigit(c) || c is ' ' or '/').ToArray()).Trim();
        if (Verdicts.Contains(bare, StringComparer.Ordinal))
            return "Say why this hit is wrong for this ad or advertiser (what the rule matched and why it is allowed), not only a verdict.";
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        if (text.Length < MinLength || words < MinWords)
            return $"Too short to be checked later: at least {MinWords} words and {MinLength} characters saying what the rule matched and why it is allowed.";
        return null;
    }
}
