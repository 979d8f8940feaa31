using System.Text.Json;
using Candor.Features.Decisions;
using Candor.Features.Decisions.Issuing;
using Candor.Features.Decisions.Tdb;
using Candor.Infrastructure;

namespace Candor.Features.Notices;

public sealed record NoticeRestriction(string Kind, string What, DateOnly? Until);

/// <summary>The clause relied on; <c>Url</c> is null for a free reference (no published catalogue at the time).</summary>
public sealed record NoticeClause(string Id, string Version, string? PolicyId, string? Url);

/// <summary>
/// Everything a notice to the affected party says (DSA Art. 17(3), Santa Clara "Notice"), built from the decision
/// record alone, so the page, the email and the webhook can never disagree. Also the webhook's JSON.
/// </summary>
public sealed record NoticeContent(
    Guid DecisionUuid,
    string Status,
    string PlatformName,
    string? AdvertiserName,
    string? AdId,
    string? AdTitle,
    IReadOnlyList<NoticeRestriction> Restrictions,
    NoticeClause? Clause,
    string Ground,
    string? GroundText,
    string? Explanation,
    string Facts,
    IReadOnlyList<EvidenceItem> Evidence,
    bool AutomatedDetection,
    string AutomatedDecision,
    IReadOnlyList<string> TerritorialScope,
    DateTimeOffset? IssuedAt,
    DateTimeOffset? EffectiveAt,
    DateOnly AppealUntil,
    string AppealHow,
    IReadOnlyList<SettlementBody> SettlementBodies,
    string Courts,
    string? ReversalReason);

public static class NoticeComposer
{
    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        ["DECISION_VISIBILITY_CONTENT_REMOVED"] = "Removal of content",
        ["DECISION_VISIBILITY_CONTENT_DISABLED"] = "Disabling access to content",
        ["DECISION_VISIBILITY_CONTENT_DEMOTED"] = "Demotion of content",
        ["DECISION_VISIBILITY_CONTENT_AGE_RESTRICTED"] = "Age restricted content",
        ["DECISION_VISIBILITY_CONTENT_INTERACTION_RESTRICTED"] = "Restricting interaction with content",
        ["DECISION_VISIBILITY_CONTENT_LABELLED"] = "Labelled content",
        ["DECISION_MONETARY_SUSPENSION"] = "Suspension of monetary payments",
        ["DECISION_MONETARY_TERMINATION"] = "Termination of monetary payments",
        ["DECISION_PROVISION_PARTIAL_SUSPENSION"] = "Partial suspension of the provision of the service",
        ["DECISION_PROVISION_TOTAL_SUSPENSION"] = "Total suspension of the provision of the service",
        ["DECISION_PROVISION_PARTIAL_TERMINATION"] = "Partial termination of the provision of the service",
        ["DECISION_PROVISION_TOTAL_TERMINATION"] = "Total termination of the provision of the service",
        ["DECISION_ACCOUNT_SUSPENDED"] = "Suspension of the account",
        ["DECISION_ACCOUNT_TERMINATED"] = "Termination of the account",
        ["AUTOMATED_DECISION_FULLY"] = "Fully automated",
        ["AUTOMATED_DECISION_PARTIALLY"] = "Partially automated",
        ["AUTOMATED_DECISION_NOT_AUTOMATED"] = "Not automated",
        [TdbEnums.GroundIllegal] = "Illegal content",
        [TdbEnums.GroundIncompatible] = "Incompatible with the terms and conditions",
    };

    public static string Label(string key) => Labels.GetValueOrDefault(key, key);

    /// <summary>The appeal window runs from the notice (the issue time) for the configured months, never fewer than six.</summary>
    public static DateOnly AppealDeadline(DateTimeOffset noticeAt, NoticeOptions options) =>
        DateOnly.FromDateTime(noticeAt.UtcDateTime.AddMonths(options.EffectiveAppealMonths));

    public static NoticeContent Compose(
        Decision d, string platformName, string? advertiserName, string? adId, string? adTitle, NoticeOptions options, DateTimeOffset now,
        string? reversalReason = null)
    {
        var restrictions = new List<NoticeRestriction>();
        foreach (var v in TdbStatementRows.Array(d.DecisionVisibility).Where(v => v != TdbEnums.NullLiteral))
            restrictions.Add(new("visibility", v == TdbEnums.VisibilityOther ? d.DecisionVisibilityOther ?? "Other restriction" : Label(v), d.EndDateVisibilityRestriction));
        if (d.DecisionMonetary is { } m && m != TdbEnums.NullLiteral)
            restrictions.Add(new("monetary", m == TdbEnums.MonetaryOther ? d.DecisionMonetaryOther ?? "Other restriction" : Label(m), d.EndDateMonetaryRestriction));
        if (d.DecisionProvision is { } p && p != TdbEnums.NullLiteral) restrictions.Add(new("provision", Label(p), d.EndDateServiceRestriction));
        if (d.DecisionAccount is { } a && a != TdbEnums.NullLiteral) restrictions.Add(new("account", Label(a), d.EndDateAccountRestriction));
        var clause = d.ClauseId is { } id
            ? new NoticeClause(id, d.ClauseVersion ?? "", d.ClausePolicyId, d.ClausePolicyId is { } policy && d.ClauseVersion is { } version
                ? PasswordLinksPublic(ClauseReference.PathOf(policy, version, id))
                : null)
            : null;
        var illegal = d.DecisionGround == TdbEnums.GroundIllegal;
        return new NoticeContent(
            d.Uuid, d.Status, platformName, advertiserName, adId, adTitle, restrictions, clause,
            Label(d.DecisionGround),
            illegal ? d.IllegalContentLegalGround : d.IncompatibleContentGround,
            illegal ? d.IllegalContentExplanation : d.IncompatibleContentExplanation,
            d.DecisionFacts,
            JsonSerializer.Deserialize<List<EvidenceItem>>(d.EvidenceJson, CandorJson.Output) ?? [],
            d.AutomatedDetection, Label(d.AutomatedDecision),
            TdbStatementRows.Array(d.TerritorialScope),
            d.IssuedAt, d.EffectiveAt,
            // Art. 20(1) counts from when the party is informed: the email's sending when there was one, else the issue.
            AppealDeadline(d.NotifiedAt ?? d.IssuedAt ?? now, options),
            $"Reply to {platformName}'s internal complaint-handling system (DSA Art. 20), free of charge, quoting decision {d.Uuid}. " +
            "Say why you think the decision is wrong and add anything that shows it; the complaint is decided by people, not only by automated means.",
            options.SettlementBodies, options.Courts, reversalReason);
    }

    private static string PasswordLinksPublic(string path) => Identity.PasswordLinks.PublicUrl(path);
}
