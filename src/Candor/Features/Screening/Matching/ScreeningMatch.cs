using Candor.Features.Screening.Lists;

namespace Candor.Features.Screening.Matching;

/// <summary>One query token and what it aligned with, e.g. "ooo" ~ "llc" as a legal form, or "mohamed" ~ "muhammad" fuzzily.</summary>
public sealed record TokenExplanation(string Query, string? Matched, double Similarity, string How, double Weight);

/// <summary>A change to the name score from something other than the name, with the reason shown to a reviewer.</summary>
public sealed record ScoreAdjustment(string Reason, double Amount);

public sealed record MatchExplanation(
    IReadOnlyList<TokenExplanation> Tokens,
    IReadOnlyList<string> UnmatchedListTokens,
    double NameScore,
    double QueryCoverage,
    double NameCoverage,
    string LegalForms,
    IReadOnlyList<ScoreAdjustment> Adjustments,
    IReadOnlyList<string> Corroborations);

/// <summary>A list entry that may be the queried party, and why Candor thinks so.</summary>
public sealed record ScreeningMatch(
    string List,
    string SourceId,
    string PrimaryName,
    string MatchedName,
    string MatchedNameKind,
    EntityType Type,
    double Score,
    MatchExplanation Explanation)
{
    /// <summary>The entry's key within its snapshot (<see cref="ListEntry.EntryKey"/>): the source id, made unique where a list repeats ids.</summary>
    public string EntryKey { get; init; } = SourceId;
}
