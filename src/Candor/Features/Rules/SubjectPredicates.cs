using System.Globalization;

namespace Candor.Features.Rules;

/// <summary><c>landing_domain_in</c>: the landing page's host is a listed domain or a subdomain of one.</summary>
public sealed class LandingDomainNode(string listName, IReadOnlyCollection<string> domains) : RuleNode
{
    private readonly HashSet<string> _domains = domains.Select(d => d.Trim().TrimEnd('.').ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
    private HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Lookup => _domains.GetAlternateLookup<ReadOnlySpan<char>>();
    private readonly Dictionary<string, string> _inputs = new() { ["list"] = listName };

    public override bool Test(RuleInput input) => Listed(input.Raw(RuleField.LandingDomain)) is not null;

    public override Explanation Explain(RuleInput input)
    {
        var host = input.Raw(RuleField.LandingDomain);
        var listed = Listed(host);
        var values = host is null ? new List<string> { "landing_domain: (none)" }
            : listed is null ? [$"landing_domain: {host}"] : [$"landing_domain: {host} (listed: {listed})"];
        return Explanation.Leaf("landing_domain_in", _inputs, values, listed is not null);
    }

    private string? Listed(string? host)
    {
        // Walk up the labels: shop.example.com, example.com, com (spans: no string per label).
        var lookup = Lookup;
        for (var candidate = host.AsSpan(); !candidate.IsEmpty;)
        {
            if (lookup.TryGetValue(candidate, out var listed)) return listed;
            var dot = candidate.IndexOf('.');
            candidate = dot < 0 ? default : candidate[(dot + 1)..];
        }
        return null;
    }
}

/// <summary><c>advertiser_country_in</c>: the advertiser's country (ISO 3166-1 alpha-2) is in the set.</summary>
public sealed class AdvertiserCountryNode(string listName, IReadOnlyCollection<string> countries) : RuleNode
{
    private readonly HashSet<string> _countries = countries.Select(c => c.Trim().ToUpperInvariant()).ToHashSet(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _inputs = new() { ["countries"] = listName };

    public override bool Test(RuleInput input) => input.Raw(RuleField.AdvertiserCountry) is { } c && _countries.Contains(c);

    public override Explanation Explain(RuleInput input)
    {
        var country = input.Raw(RuleField.AdvertiserCountry);
        return Explanation.Leaf("advertiser_country_in", _inputs, [$"advertiser.country: {country ?? "(unknown)"}"],
            country is not null && _countries.Contains(country));
    }
}

/// <summary><c>screening_match</c>: a party of the subject has a screening finding on a list with a score at least the threshold.</summary>
public sealed class ScreeningMatchNode(ScreenedParty party, string list, double minScore) : RuleNode
{
    private readonly Dictionary<string, string> _inputs = new()
    {
        ["party"] = System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(party.ToString()),
        ["list"] = list,
        ["min_score"] = minScore.ToString("0.###", CultureInfo.InvariantCulture),
    };

    public override bool Test(RuleInput input)
    {
        foreach (var finding in input.Findings(party, list))
            if (finding.Score >= minScore) return true;
        return false;
    }

    public override Explanation Explain(RuleInput input)
    {
        var findings = input.Findings(party, list);
        var values = findings.Select(f => $"{f.List}/{f.EntryId} \"{f.EntryName}\" score {f.Score.ToString("0.###", CultureInfo.InvariantCulture)}").ToList();
        if (values.Count == 0) values.Add("no finding");
        return Explanation.Leaf("screening_match", _inputs, values, findings.Any(f => f.Score >= minScore));
    }
}
