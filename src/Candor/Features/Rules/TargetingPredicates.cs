using System.Globalization;
using System.Text.RegularExpressions;
using Candor.Features.Ads;

namespace Candor.Features.Rules;

/// <summary>
/// <c>targets_minors</c>: the ad's included targeting reaches people under an age (18 by default; DSA Art. 28(2)):
/// an age range starting below it ("13-17", "16+", "under 18") or an audience named for children or teenagers.
/// </summary>
public sealed class TargetsMinorsNode(int under) : RuleNode
{
    private static readonly TermMatcher MinorAudiences = new(["teen", "teens", "teenager", "teenagers", "kids", "children",
        "child", "minors", "high school students", "schoolchildren", "adolescents", "jugendliche", "kinder", "enfants", "adolescents",
        "niños", "adolescentes", "bambini", "ragazzi", "dzieci", "nastolatki"]);

    private readonly Dictionary<string, string> _inputs = new() { ["under"] = under.ToString(CultureInfo.InvariantCulture) };

    public override bool Test(RuleInput input) => Find(input, null);

    public override Explanation Explain(RuleInput input)
    {
        var reasons = new List<string>();
        Find(input, reasons);
        return Explanation.Leaf("targets_minors", _inputs, reasons.Count > 0 ? reasons : ["no included targeting below the age"], reasons.Count > 0);
    }

    /// <summary>Whether any included targeting reaches minors; with <paramref name="reasons"/>, every such value is described there.</summary>
    private bool Find(RuleInput input, List<string>? reasons)
    {
        var found = false;
        var targeting = input.Ad?.Targeting ?? [];
        for (var c = 0; c < targeting.Count; c++)
        {
            var criterion = targeting[c];
            if (criterion.Mode != TargetingMode.Included || criterion.Values is null) continue;
            for (var v = 0; v < criterion.Values.Count; v++)
            {
                var value = criterion.Values[v];
                string? reason = null;
                if (criterion.Category == TargetingCategory.Age)
                {
                    if (LowestAge(value) is { } lowest && lowest < under) reason = "targeting age";
                }
                else if (MinorAudiences.Any(input.TargetingText(c, v)))
                    reason = $"targeting {Snake(criterion.Category)}";
                if (reason is null) continue;
                if (reasons is null) return true;
                reasons.Add($"{reason}: \"{value}\"");
                found = true;
            }
        }
        return found;
    }

    /// <summary>The youngest age an age value includes, or null when it names no age.</summary>
    public static int? LowestAge(string value)
    {
        // Spans, not Trim/ToLower/Regex: this runs for every age value of every ad, and allocated on each.
        var text = value.AsSpan().Trim();
        var start = text.IndexOfAnyInRange('0', '9');
        if (start < 0) return null;
        if (text.StartsWith("<") || text.StartsWith("under", StringComparison.OrdinalIgnoreCase) || text.StartsWith("up to", StringComparison.OrdinalIgnoreCase)
            || text.Contains("and under", StringComparison.OrdinalIgnoreCase) || text.Contains("or younger", StringComparison.OrdinalIgnoreCase))
            return 0;
        var age = 0;
        for (var i = start; i < text.Length && i < start + 3 && char.IsAsciiDigit(text[i]); i++) age = age * 10 + (text[i] - '0');
        return age;
    }

    internal static string Snake(TargetingCategory? category) =>
        category is { } c ? System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(c.ToString()) : "other";
}

/// <summary>GDPR Art. 9 special categories of personal data, which DSA Art. 26(3) forbids profiling ads on.</summary>
public enum SpecialCategory
{
    Health,
    Religion,
    PoliticalOpinion,
    SexualOrientation,
    Ethnicity,
    TradeUnion,
}

/// <summary>
/// <c>targets_special_category</c>: an included interest, behaviour or audience names a special category. The built-in
/// lexicon is deliberately small and multilingual; platforms extend it with a terms list (<c>extra_terms</c>).
/// </summary>
public sealed class TargetsSpecialCategoryNode(IReadOnlyList<SpecialCategory> categoryList, TermMatcher? extra, string? extraList) : RuleNode
{
    private readonly SpecialCategory[] categories = [.. categoryList];

    private static readonly Dictionary<SpecialCategory, TermMatcher> Lexicon = new()
    {
        [SpecialCategory.Health] = new(["health condition", "diabetes", "cancer", "hiv", "aids", "depression", "anxiety disorder",
            "mental health", "pregnancy", "pregnant", "fertility", "ivf", "disability", "chronic illness", "addiction", "obesity",
            "alzheimer", "autism", "adhd", "krankheit", "maladie", "enfermedad"]),
        [SpecialCategory.Religion] = new(["religion", "religious", "christian", "christianity", "catholic", "protestant", "muslim",
            "islam", "jewish", "judaism", "hindu", "hinduism", "buddhist", "buddhism", "sikh", "church", "mosque", "synagogue",
            "atheist", "religion", "kirche", "eglise", "iglesia"]),
        [SpecialCategory.PoliticalOpinion] = new(["political opinion", "politics", "democrat", "democrats", "republican", "republicans",
            "conservative", "conservatives", "liberal", "liberals", "socialist", "communist", "far right", "far left", "green party",
            "labour party", "left wing", "right wing", "politik", "politique", "política"]),
        [SpecialCategory.SexualOrientation] = new(["sexual orientation", "lgbt", "lgbtq", "lgbtqia", "gay", "lesbian", "bisexual",
            "queer", "homosexual", "transgender", "pride"]),
        [SpecialCategory.Ethnicity] = new(["ethnicity", "ethnic", "race", "racial", "african american", "hispanic", "latino", "latina",
            "asian american", "roma", "migrant background", "multicultural affinity"]),
        [SpecialCategory.TradeUnion] = new(["trade union", "trade unions", "labor union", "labour union", "union member",
            "union members", "gewerkschaft", "syndicat", "sindicato"]),
    };

    private static readonly HashSet<TargetingCategory?> ProfileCategories =
        [TargetingCategory.Interest, TargetingCategory.Behaviour, TargetingCategory.CustomAudience,
         TargetingCategory.LookalikeAudience, TargetingCategory.Other];

    private readonly Dictionary<string, string> _inputs = new()
    {
        ["categories"] = string.Join(", ", categoryList.Select(c => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(c.ToString()))),
        ["extra_terms"] = extraList ?? "(none)",
    };

    public override bool Test(RuleInput input) => Find(input, null);

    public override Explanation Explain(RuleInput input)
    {
        var reasons = new List<string>();
        Find(input, reasons);
        reasons = reasons.Distinct(StringComparer.Ordinal).ToList();
        return Explanation.Leaf("targets_special_category", _inputs,
            reasons.Count > 0 ? reasons : ["no included profiling on a special category"], reasons.Count > 0);
    }

    /// <summary>Whether included profiling names a special category; with <paramref name="reasons"/>, every such value is described there.</summary>
    private bool Find(RuleInput input, List<string>? reasons)
    {
        var found = false;
        var targeting = input.Ad?.Targeting ?? [];
        for (var c = 0; c < targeting.Count; c++)
        {
            var criterion = targeting[c];
            if (criterion.Mode != TargetingMode.Included || !ProfileCategories.Contains(criterion.Category) || criterion.Values is null) continue;
            for (var v = 0; v < criterion.Values.Count; v++)
            {
                var folded = input.TargetingText(c, v);
                foreach (var category in categories)
                    if (Lexicon[category].Any(folded))
                    {
                        if (reasons is null) return true;
                        reasons.Add($"targeting {TargetsMinorsNode.Snake(criterion.Category)}: \"{criterion.Values[v]}\" ({System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(category.ToString())})");
                        found = true;
                    }
                if (extra is not null && extra.Any(folded))
                {
                    if (reasons is null) return true;
                    reasons.Add($"targeting {TargetsMinorsNode.Snake(criterion.Category)}: \"{criterion.Values[v]}\" ({extraList})");
                    found = true;
                }
            }
        }
        return found;
    }
}
