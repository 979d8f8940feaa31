using System.Globalization;
using System.Text.RegularExpressions;

namespace Candor.Features.Decisions.Issuing;

/// <summary>How the boilerplate refusal is tuned (<c>Candor:Decisions:Boilerplate</c>); docs/decisions.md explains each value.</summary>
public sealed class BoilerplateOptions
{
    /// <summary>A text used for this many other subjects within <see cref="Window"/> is boilerplate.</summary>
    public int Threshold { get; set; } = 5;
    public TimeSpan Window { get; set; } = TimeSpan.FromDays(90);
    /// <summary>Estimated Jaccard similarity of word 3-grams from which two texts count as the same text.</summary>
    public double NearDuplicateSimilarity { get; set; } = 0.7;
    /// <summary>Share of a text's word 3-grams taken from a known boilerplate phrase from which it is that phrase.</summary>
    public double KnownPhraseShare { get; set; } = 0.5;
}

public sealed record BoilerplateVerdict(bool Refused, string? Reason)
{
    public static readonly BoilerplateVerdict Accepted = new(false, null);
}

/// <summary>
/// Decides whether a facts or explanation text is boilerplate that must be completed before it can be issued.
/// Pure: the caller counts how many other subjects used the text (<see cref="TextUseCounts"/>).
/// </summary>
public static partial class Boilerplate
{
    /// <summary>
    /// Generic lines seen in real enforcement notices (the first is the one from the story, issue #4). A text made
    /// mostly of one of them is refused the first time it is used, unless it carries case-specific facts.
    /// </summary>
    public static readonly IReadOnlyList<string> KnownPhrases =
    [
        "operates using a business model that inherently conflicts with acceptable ads business practices",
        "your business model conflicts with our practices",
        "this advertiser does not comply with our advertising policies",
        "your ad violates our advertising policies",
        "your account has been suspended for violating our terms of service",
        "we have determined that your account poses a risk to our users",
        "this content was found to violate our community guidelines",
        "the ad was rejected because it does not comply with our policies",
        "due to unacceptable business practices your account has been disabled",
        "after review we determined that this violates our policies",
    ];

    private static readonly HashSet<ulong> KnownShingles =
        KnownPhrases.SelectMany(p => TextFingerprint.Shingles(TextFingerprint.Normalise(p))).ToHashSet();

    /// <summary>The share (0–1) of the text's word 3-grams that come from a known boilerplate phrase.</summary>
    public static double KnownPhraseShare(string normalised)
    {
        var shingles = TextFingerprint.Shingles(normalised);
        return shingles.Count == 0 ? 0 : shingles.Count(KnownShingles.Contains) / (double)shingles.Count;
    }

    /// <summary>
    /// The concrete, checkable elements of a text: evidence values it quotes, dates, urls and numbers of three or more
    /// digits. The subject's name is not one: a mail-merge template fills it in without saying anything specific.
    /// </summary>
    public static IReadOnlyList<string> CaseSpecificElements(string text, IEnumerable<string> evidenceValues)
    {
        var found = new List<string>();
        foreach (var value in evidenceValues.Where(v => v.Length >= 4).Distinct(StringComparer.OrdinalIgnoreCase))
            if (text.Contains(value, StringComparison.OrdinalIgnoreCase)) found.Add(value);
        found.AddRange(Concrete().Matches(text).Select(m => m.Value));
        return found.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    public static BoilerplateVerdict Judge(
        string field, string normalised, IReadOnlyList<string> specifics, int otherSubjects, BoilerplateOptions options,
        IReadOnlyList<string> evidenceValues)
    {
        if (specifics.Count > 0) return BoilerplateVerdict.Accepted;
        var share = KnownPhraseShare(normalised);
        if (share >= options.KnownPhraseShare)
            return new BoilerplateVerdict(true,
                $"{Label(field)} is a known boilerplate phrase ({share:P0} of it is generic wording used in unrelated decisions) " +
                $"and names nothing specific to this case; {Hint(evidenceValues)}");
        if (otherSubjects >= options.Threshold)
        {
            var subjects = otherSubjects == 1 ? "1 other subject" : $"{otherSubjects.ToString(CultureInfo.InvariantCulture)} other subjects";
            return new BoilerplateVerdict(true,
                $"this {Label(field)} text was used for {subjects} in the last {options.Window.TotalDays:0} days " +
                $"(the limit is {options.Threshold.ToString(CultureInfo.InvariantCulture)}); {Hint(evidenceValues)}");
        }
        return BoilerplateVerdict.Accepted;
    }

    private static string Label(string field) => field.Replace('_', ' ');

    private static string Hint(IReadOnlyList<string> evidenceValues)
    {
        var examples = evidenceValues.Where(v => v.Length >= 4).Take(3).Select(v => $"\"{(v.Length > 60 ? v[..60] + "…" : v)}\"").ToList();
        return "add the specific facts: quote the evidence" + (examples.Count > 0 ? $" (e.g. {string.Join(", ", examples)})" : "") +
               ", and say what was found, where and when (dates, urls, amounts).";
    }

    [GeneratedRegex(@"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b|https?://\S+|www\.\S+|\b\d[\d.,]{2,}\d\b|\b\d{3,}\b")]
    private static partial Regex Concrete();
}
