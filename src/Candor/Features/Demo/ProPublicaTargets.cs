using Candor.Features.Ads;

namespace Candor.Features.Demo;

/// <summary>One entry of ProPublica's parsed "Why am I seeing this ad?" (`{"target": "Age", "segment": "18 and older"}`).</summary>
public sealed record ProPublicaTarget(string? Target, string? Segment);

/// <summary>
/// ProPublica's targets as Candor's targeting criteria, all "included" (Facebook only explained inclusions).
/// Unknown kinds are kept as "other" with the kind as the parameter rather than dropped.
/// </summary>
public static class ProPublicaTargets
{
    public static List<TargetingCriterion> ToCriteria(IEnumerable<ProPublicaTarget> targets) =>
        targets.Where(t => !string.IsNullOrWhiteSpace(t.Target)).Select(ToCriterion).ToList();

    public static TargetingCriterion ToCriterion(ProPublicaTarget target)
    {
        var segment = DemoText.Fit(target.Segment, AdLimits.TargetingValue);
        var (category, parameter, value) = target.Target!.Trim() switch
        {
            "Age" => (TargetingCategory.Age, "age_range", segment),
            "Gender" => (TargetingCategory.Gender, null, segment),
            "Region" when segment == "the United States" => (TargetingCategory.Location, "country", "US"),
            "Region" or "State" => (TargetingCategory.Location, "region", segment),
            "City" => (TargetingCategory.Location, "city", segment),
            "Language" => (TargetingCategory.Language, null, segment),
            "Interest" => (TargetingCategory.Interest, null, segment),
            // "people who may be similar to their customers" is a lookalike audience, not the customers themselves.
            "Retargeting" when segment?.Contains("similar", StringComparison.OrdinalIgnoreCase) == true =>
                (TargetingCategory.LookalikeAudience, "similar_to_customers", segment),
            "Retargeting" => (TargetingCategory.CustomAudience, "retargeting", segment),
            "List" => (TargetingCategory.CustomAudience, "customer_list", segment ?? "a list of people the advertiser uploaded"),
            "Website" => (TargetingCategory.CustomAudience, "website_visitors", segment ?? "people who visited their website"),
            // Facebook's own segments, such as "US politics (very liberal)", are inferred by the platform.
            "Segment" => (TargetingCategory.Behaviour, "segment", segment),
            "Like" => (TargetingCategory.Other, "page_connection", segment ?? "people who like their Page"),
            var other => (TargetingCategory.Other, DemoText.Fit(other.ToLowerInvariant(), AdLimits.ShortText), segment),
        };
        return new TargetingCriterion(category, parameter, [value ?? target.Target!.Trim()], TargetingMode.Included);
    }
}
