using Candor.Features.Screening.Lists;

namespace Candor.Features.Screening.Matching;

/// <summary>
/// A name to screen, with optional corroborating fields. Country is ISO 3166-1 alpha-2 or a country name; the date of
/// birth is yyyy or yyyy-mm-dd. Type is a soft signal only: it never hides a match.
/// </summary>
public sealed record ScreeningQuery(
    string Name,
    string? Country = null,
    EntityType Type = EntityType.Unknown,
    string? DateOfBirth = null,
    double MinScore = 0,
    int Limit = 10)
{
    /// <summary>Why the query cannot be screened, or null when it can.</summary>
    public string? Problem() =>
        string.IsNullOrWhiteSpace(Name) ? "the name is empty"
        : Name.Length > NameText.MaxChars ? $"the name is longer than {NameText.MaxChars} characters"
        : MinScore is < 0 or > 1 || double.IsNaN(MinScore) ? "min score must be between 0 and 1"
        : Limit is < 1 or > 1000 ? "limit must be between 1 and 1000"
        : null;
}

/// <summary>The outcome of one search: matches best first, or the reason the query was rejected.</summary>
public sealed record ScreeningResult(IReadOnlyList<ScreeningMatch> Matches, string? Rejected = null)
{
    public static ScreeningResult Reject(string reason) => new([], reason);
}
