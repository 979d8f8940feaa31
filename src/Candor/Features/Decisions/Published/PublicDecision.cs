using System.Text.Json;
using Candor.Features.Decisions.Tdb;

namespace Candor.Features.Decisions.Published;

/// <summary>The clause relied on; <c>PolicyId</c> and <c>Url</c> are null for a free reference that no published catalogue held.</summary>
public sealed record PublicClause(string Id, string? Version, string? PolicyId, string? Url);

public sealed record PublicSubjectAd(long Id, string Url);

public sealed record PublicEvidence(string? Kind, string? Value, string? Source, string? ObservedAt);

/// <summary>One entry of a decision's public history: issued, amended, superseded, reversed, notified.</summary>
public sealed record PublicDecisionEvent(string Kind, DateTimeOffset At, string? Reason, Guid? RelatedDecision);

/// <summary>
/// A decision as the public sees it: the one projection behind the public API, the pages and the daily dumps, so
/// they cannot disagree. It carries the TDB statement fields except the platform's <c>puid</c> (hidden on read,
/// as the TDB does; the dumps add it back as <c>platform_uid</c>, as the TDB's dumps do), withholds
/// <c>source_identity</c> unless the source is a trusted flagger, and shows evidence without values marked private.
/// Which rows are public at all is <see cref="PublicDecisions.Visible"/>.
/// </summary>
public sealed record PublicDecision(
    Guid Uuid,
    string Url,
    string Platform,
    string PlatformName,
    string Status,
    DateTimeOffset IssuedAt,
    DateTimeOffset? EffectiveAt,
    string? Advertiser,
    PublicSubjectAd? Ad,
    PublicClause? Clause,
    IReadOnlyList<PublicEvidence> Evidence,
    double? SpecificityScore,
    IReadOnlyList<string> DecisionVisibility,
    string? DecisionVisibilityOther,
    string? DecisionMonetary,
    string? DecisionMonetaryOther,
    string? DecisionProvision,
    string? DecisionAccount,
    string? AccountType,
    string DecisionGround,
    string? DecisionGroundReferenceUrl,
    string? IllegalContentLegalGround,
    string? IllegalContentExplanation,
    string? IncompatibleContentGround,
    string? IncompatibleContentExplanation,
    string? IncompatibleContentIllegal,
    IReadOnlyList<string> ContentType,
    string? ContentTypeOther,
    string Category,
    IReadOnlyList<string> CategoryAddition,
    IReadOnlyList<string> CategorySpecification,
    string? CategorySpecificationOther,
    IReadOnlyList<string> TerritorialScope,
    string? ContentLanguage,
    DateOnly ContentDate,
    DateOnly ApplicationDate,
    DateOnly? EndDateVisibilityRestriction,
    DateOnly? EndDateMonetaryRestriction,
    DateOnly? EndDateServiceRestriction,
    DateOnly? EndDateAccountRestriction,
    string DecisionFacts,
    string SourceType,
    string? SourceIdentity,
    bool SourceIdentityWithheld,
    string AutomatedDetection,
    string AutomatedDecision,
    string? ContentIdEan,
    IReadOnlyList<PublicDecisionEvent> History)
{
    /// <summary>
    /// Trusted flaggers are organisations designated and listed publicly by a Digital Services Coordinator (DSA
    /// Art. 22), so naming one discloses nothing personal. Any other notifier may be a private person: withheld.
    /// </summary>
    public static bool SourceIdentityIsPublic(string sourceType) => sourceType == "SOURCE_TRUSTED_FLAGGER";

    public static PublicDecision From(Decision d, string platformSlug, string platformName, string? advertiser,
        IReadOnlyList<DecisionEvent> events)
    {
        var identityPublic = SourceIdentityIsPublic(d.SourceType);
        return new PublicDecision(
            d.Uuid, $"/decisions/{d.Uuid}", platformSlug, platformName, d.Status, d.IssuedAt ?? d.CreatedAt, d.EffectiveAt,
            advertiser,
            d.AdId is { } adId ? new PublicSubjectAd(adId, $"/ads/{adId}") : null,
            d.ClauseId is { } clause
                ? new PublicClause(clause, d.ClauseVersion, d.ClausePolicyId, d.ClausePolicyId is { } policy && d.ClauseVersion is { } version
                    ? Issuing.ClauseReference.PathOf(policy, version, clause) : null)
                : null,
            PublicEvidenceOf(d.EvidenceJson),
            d.SpecificityScore,
            TdbStatementRows.Array(d.DecisionVisibility), d.DecisionVisibilityOther,
            d.DecisionMonetary, d.DecisionMonetaryOther, d.DecisionProvision, d.DecisionAccount, d.AccountType,
            d.DecisionGround, d.DecisionGroundReferenceUrl, d.IllegalContentLegalGround, d.IllegalContentExplanation,
            d.IncompatibleContentGround, d.IncompatibleContentExplanation,
            d.IncompatibleContentIllegal is { } illegal ? TdbStatementRows.YesNo(illegal) : null,
            TdbStatementRows.Array(d.ContentType), d.ContentTypeOther, d.Category,
            TdbStatementRows.Array(d.CategoryAddition), TdbStatementRows.Array(d.CategorySpecification), d.CategorySpecificationOther,
            TdbStatementRows.Array(d.TerritorialScope), d.ContentLanguage, d.ContentDate, d.ApplicationDate,
            d.EndDateVisibilityRestriction, d.EndDateMonetaryRestriction, d.EndDateServiceRestriction, d.EndDateAccountRestriction,
            d.DecisionFacts, d.SourceType,
            identityPublic ? d.SourceIdentity : null,
            !identityPublic && d.SourceIdentity is not null,
            TdbStatementRows.YesNo(d.AutomatedDetection), d.AutomatedDecision, d.ContentIdEan,
            events.Where(e => PublicEventKinds.Contains(e.Kind)).OrderBy(e => e.At).ThenBy(e => e.Id).Select(PublicEventOf).ToList());
    }

    private static readonly HashSet<string> PublicEventKinds = new(StringComparer.Ordinal)
    {
        DecisionEventKinds.Issued, DecisionEventKinds.Amended, DecisionEventKinds.Superseded, DecisionEventKinds.Reversed,
        DecisionEventKinds.Notified,
    };

    /// <summary>The actor is left out (it may name a person); the reason and the related decision are shown.</summary>
    private static PublicDecisionEvent PublicEventOf(DecisionEvent e)
    {
        string? reason = null;
        Guid? related = null;
        if (Parse(e.PayloadJson) is { ValueKind: JsonValueKind.Object } payload)
        {
            reason = Text(payload, "reason");
            foreach (var key in RelatedKeys)
                if (Text(payload, key) is { } value && Guid.TryParse(value, out var uuid)) { related = uuid; break; }
        }
        return new PublicDecisionEvent(e.Kind, e.At, reason, related);
    }

    private static readonly string[] RelatedKeys = ["superseded_by", "supersedes", "replacement", "decision_uuid", "uuid"];

    /// <summary>Evidence items marked <c>"private": true</c> (or <c>"visibility": "private"</c>) show their kind, source and time, never their value.</summary>
    private static List<PublicEvidence> PublicEvidenceOf(string json)
    {
        if (Parse(json) is not { ValueKind: JsonValueKind.Array } items) return [];
        var list = new List<PublicEvidence>();
        foreach (var item in items.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object) continue;
            var isPrivate = (item.TryGetProperty("private", out var p) && p.ValueKind == JsonValueKind.True)
                || string.Equals(Text(item, "visibility"), "private", StringComparison.OrdinalIgnoreCase);
            list.Add(new PublicEvidence(Text(item, "kind"), isPrivate ? null : Text(item, "value"), Text(item, "source"), Text(item, "observed_at")));
        }
        return list;
    }

    private static JsonElement? Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
            _ => null,
        } : null;
}
