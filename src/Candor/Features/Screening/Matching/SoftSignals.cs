using System.Globalization;
using System.Text.RegularExpressions;
using Candor.Features.Screening.Lists;
using Candor.Infrastructure;

namespace Candor.Features.Screening.Matching;

/// <summary>
/// Fields besides the name that make a match more or less likely. Small, explained adjustments: they rank and
/// break ties, but a different entity type can never hide a strong name match.
/// </summary>
public static partial class SoftSignals
{
    public const double TypeMismatch = 0.05;
    public const double CountryMatch = 0.02;
    public const double DobMatch = 0.03;
    public const double DobMismatch = 0.15;
    public const double WeakAlias = 0.1;

    public static (double Adjustment, List<ScoreAdjustment> Adjustments, List<string> Corroborations) Apply(
        ScreeningQuery query, ListEntry entry, AliasKind? matchedKind)
    {
        var adjustments = new List<ScoreAdjustment>();
        // OFAC calls its remark a.k.a.s "weak" and the UN marks "Low" quality aliases: too broad to be evidence alone.
        if (matchedKind == AliasKind.Weak) adjustments.Add(new("matched a weak (low-quality) alias", -WeakAlias));
        var corroborations = new List<string>();
        if (query.Type != EntityType.Unknown && entry.Type != EntityType.Unknown)
        {
            if (query.Type == entry.Type) corroborations.Add($"type {Lower(entry.Type)}");
            else adjustments.Add(new($"entity type differs (query {Lower(query.Type)}, list {Lower(entry.Type)})", -TypeMismatch));
        }
        if (!string.IsNullOrWhiteSpace(query.Country) && MatchingCountry(query.Country, entry.Countries) is { } country)
        {
            corroborations.Add($"country {country}");
            adjustments.Add(new($"country {country} corroborates", CountryMatch));
        }
        if (Year(query.DateOfBirth) is { } year && entry.DatesOfBirth.Count > 0)
        {
            var years = entry.DatesOfBirth.SelectMany(d => Years().Matches(d)).Select(m => int.Parse(m.Value, CultureInfo.InvariantCulture)).ToList();
            if (years.Count > 0 && years.Any(y => Math.Abs(y - year) <= 1))
            {
                corroborations.Add($"date of birth {year}");
                adjustments.Add(new($"date of birth {year} corroborates", DobMatch));
            }
            else if (years.Count > 0 && (year < years.Min() - 1 || year > years.Max() + 1))
                adjustments.Add(new($"date of birth differs (query {year}, list {string.Join(", ", entry.DatesOfBirth)})", -DobMismatch));
        }
        return (adjustments.Sum(a => a.Amount), adjustments, corroborations);
    }

    private static string? MatchingCountry(string query, IReadOnlyList<string> countries)
    {
        var q = query.Trim();
        var name = q.Length == 2 && IsoCodes.Countries.Contains(q.ToUpperInvariant())
            ? new RegionInfo(q.ToUpperInvariant()).EnglishName : q;
        var folded = SearchText.Fold(name);
        foreach (var c in countries)
        {
            if (string.Equals(c, q, StringComparison.OrdinalIgnoreCase)) return c;
            var fc = SearchText.Fold(c);
            if (fc.Length >= 4 && folded.Length >= 4 && (fc.StartsWith(folded, StringComparison.Ordinal) || folded.StartsWith(fc, StringComparison.Ordinal)))
                return c;
        }
        return null;
    }

    private static int? Year(string? dob) =>
        dob is not null && Years().Match(dob) is { Success: true } m ? int.Parse(m.Value, CultureInfo.InvariantCulture) : null;

    private static string Lower(EntityType type) => type.ToString().ToLowerInvariant();

    [GeneratedRegex(@"\b(1[89]|20)\d{2}\b")]
    private static partial Regex Years();
}
