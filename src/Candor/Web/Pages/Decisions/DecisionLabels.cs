using System.Globalization;
using Candor.Features.Decisions.Published;

namespace Candor.Web.Pages.Decisions;

/// <summary>Readable words for the TDB's API keys on the pages (the JSON and the dumps keep the keys).</summary>
public static class DecisionLabels
{
    private static readonly string[] Prefixes =
    [
        "STATEMENT_CATEGORY_", "DECISION_VISIBILITY_", "DECISION_MONETARY_", "DECISION_PROVISION_", "DECISION_ACCOUNT_",
        "DECISION_GROUND_", "AUTOMATED_DECISION_", "CONTENT_TYPE_", "SOURCE_TYPE_", "SOURCE_", "ACCOUNT_TYPE_", "KEYWORD_",
    ];

    public static string Of(string? key)
    {
        if (string.IsNullOrEmpty(key)) return "—";
        var text = key;
        foreach (var prefix in Prefixes)
            if (text.StartsWith(prefix, StringComparison.Ordinal)) { text = text[prefix.Length..]; break; }
        text = text.Replace('_', ' ').ToLowerInvariant();
        return text.Length == 0 ? key : char.ToUpper(text[0], CultureInfo.InvariantCulture) + text[1..];
    }

    public static string List(IReadOnlyList<string> keys) => keys.Count == 0 ? "—" : string.Join(", ", keys.Select(Of));

    /// <summary>The restrictions in one line: what was done to the content, money, service and account.</summary>
    public static string Restrictions(PublicDecision d)
    {
        var parts = new List<string>();
        parts.AddRange(d.DecisionVisibility.Select(Of));
        if (d.DecisionMonetary is { } m) parts.Add("Monetary: " + Of(m).ToLowerInvariant());
        if (d.DecisionProvision is { } p) parts.Add("Service: " + Of(p).ToLowerInvariant());
        if (d.DecisionAccount is { } a) parts.Add("Account " + Of(a).ToLowerInvariant());
        return parts.Count == 0 ? "—" : string.Join("; ", parts);
    }

    public static string Date(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string Date(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—";
}
