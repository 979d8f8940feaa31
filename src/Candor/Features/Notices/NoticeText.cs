using System.Globalization;
using System.Text;

namespace Candor.Features.Notices;

/// <summary>The plain-text email body of a notice: the same content as the page, readable in any mail client.</summary>
public static class NoticeText
{
    public static string Subject(NoticeContent n) => n.ReversalReason is null
        ? $"{n.PlatformName}: a restriction on {n.AdvertiserName ?? "your account"} and why (decision {n.DecisionUuid})"
        : $"{n.PlatformName}: decision {n.DecisionUuid} has been reversed";

    public static string Body(NoticeContent n, string pageUrl)
    {
        var b = new StringBuilder();
        void Line(string text = "") => b.Append(text).Append('\n');
        Line($"Decision {n.DecisionUuid} by {n.PlatformName}");
        if (n.ReversalReason is { } reason)
        {
            Line();
            Line("This decision has been REVERSED. The restriction no longer applies.");
            Line($"Reason: {reason}");
        }
        Line();
        Line("WHAT WAS RESTRICTED");
        if (n.AdvertiserName is not null) Line($"Advertiser: {n.AdvertiserName}");
        if (n.AdId is not null) Line($"Ad: {n.AdId}{(n.AdTitle is null ? "" : $" \"{n.AdTitle}\"")}");
        foreach (var r in n.Restrictions)
            Line($"- {r.What} ({r.Kind}){(r.Until is { } until ? $", until {Date(until)}" : ", with no end date")}");
        Line($"Effective: {(n.EffectiveAt is { } at ? Instant(at) : "when issued")}");
        Line($"Where: {(n.TerritorialScope.Count == 0 ? "no territorial limit was stated" : string.Join(", ", n.TerritorialScope))}");
        Line();
        Line("WHY");
        if (n.Clause is { } clause) Line($"Rule relied on: clause {clause.Id}, version {clause.Version}{(clause.Url is null ? "" : $" — {clause.Url}")}");
        Line($"Ground: {n.Ground}{(n.GroundText is null ? "" : $" — {n.GroundText}")}");
        if (n.Explanation is not null) Line($"Explanation: {n.Explanation}");
        Line();
        Line("Facts:");
        Line(n.Facts);
        if (n.Evidence.Count > 0)
        {
            Line();
            Line("Evidence:");
            for (var i = 0; i < n.Evidence.Count; i++)
            {
                var e = n.Evidence[i];
                Line($"[E{i + 1}] {e.Kind}: {e.Value}{(e.Source is null ? "" : $" (source: {e.Source})")}{(e.ObservedAt is { } o ? $", observed {Instant(o)}" : "")}");
            }
        }
        Line();
        Line($"Detected by automated means: {(n.AutomatedDetection ? "yes" : "no")}. Decision: {n.AutomatedDecision}.");
        Line();
        Line("YOUR OPTIONS");
        Line($"Appeal until {Date(n.AppealUntil)}: {n.AppealHow}");
        if (n.SettlementBodies.Count > 0)
        {
            Line("Out-of-court dispute settlement (DSA Art. 21):");
            foreach (var body in n.SettlementBodies) Line($"- {body.Name}{(body.Url is null ? "" : $" — {body.Url}")}");
        }
        Line(n.Courts);
        Line();
        Line($"This notice online (works even if your account is suspended): {pageUrl}");
        return b.ToString();
    }

    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
