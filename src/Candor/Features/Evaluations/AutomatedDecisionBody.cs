using System.Globalization;
using System.Text;
using System.Text.Json;
using Candor.Features.Decisions.Tdb;
using Candor.Features.Policies;
using Candor.Features.Rules;

namespace Candor.Features.Evaluations;

/// <summary>What an automated decision is about: the subject as the platform names it, and what the facts quote.</summary>
public sealed record AutomatedSubject(string Kind, long RowId, string AdvertiserExternalId, string? AdExternalId, string? AdTitle,
    DateTimeOffset? DeliveryStart);

/// <summary>
/// The body of <c>POST /api/v1/decisions</c> for a decision the rules take alone, built from a clause's DSA mapping and
/// the evidence of its hits. Pure. The facts are written from the explanation's true leaves (each quoted and cited as
/// <c>[E1]</c>…), never a fixed sentence, so they pass the issuing code's evidence-citation and boilerplate checks like
/// any person's decision.
/// </summary>
public static class AutomatedDecisionBody
{
    public const string DefaultCategory = "STATEMENT_CATEGORY_OTHER_VIOLATION_TC";

    public sealed record Evidence(string Kind, string Value, string Source);

    /// <summary>One evidence item per value of each true leaf of the hits' trees (at most 50), in rule order.</summary>
    public static List<Evidence> EvidenceOf(IEnumerable<RuleHit> hits)
    {
        var items = new List<Evidence>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var hit in hits)
            foreach (var leaf in hit.Tree.Evidence())
                foreach (var value in leaf.Values)
                {
                    var text = Cut(value, Decisions.Issuing.DecisionInput.MaxEvidenceValue);
                    if (items.Count < Decisions.Issuing.DecisionInput.MaxEvidence && seen.Add(text))
                        items.Add(new Evidence(KindOf(leaf.Predicate), text, "rule " + hit.RuleId));
                }
        return items;
    }

    public static string KindOf(string predicate) => predicate switch
    {
        "screening_match" => "list_entry",
        "landing_domain_in" => "url",
        "advertiser_country_in" => "registry_record",
        _ => "ad_content",
    };

    /// <summary>A unique, repeatable puid: two nodes deciding the same subject and clause at once collide on it.</summary>
    public static string Puid(AutomatedSubject subject, string clauseId, int previous)
    {
        var clause = new string(clauseId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray());
        return $"rule-{subject.Kind}-{subject.RowId.ToString(CultureInfo.InvariantCulture)}-{clause}-{previous.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>The TDB's "all of the EEA": the 30 EU + EEA codes, sorted.</summary>
    public static readonly IReadOnlyList<string> Eea = TdbEnums.TerritorialScopes.Order(StringComparer.Ordinal).ToList();

    /// <summary>
    /// Where an automated decision applies: the configured default (<c>Candor:Decisions:DefaultTerritorialScope</c>) when
    /// one is set, else the whole EEA. The policy catalogue's DSA mapping has no territorial field yet; when it gets one,
    /// the clause's value comes first. Codes are upper-cased, de-duplicated and sorted; an unknown code is an error at
    /// start-up (<see cref="ValidScope"/>), not a refused decision later.
    /// </summary>
    public static IReadOnlyList<string> TerritorialScope(IReadOnlyList<string>? configured) =>
        configured is { Count: > 0 } ? ValidScope(configured) : Eea;

    public static IReadOnlyList<string> ValidScope(IEnumerable<string> codes)
    {
        var scope = codes.Select(c => c.Trim().ToUpperInvariant()).Where(c => c.Length > 0).Distinct().Order(StringComparer.Ordinal).ToList();
        var unknown = scope.Where(c => !TdbEnums.TerritorialScopes.Contains(c)).ToList();
        return unknown.Count == 0 ? scope
            : throw new InvalidOperationException($"Candor:Decisions:DefaultTerritorialScope: {string.Join(", ", unknown)} not among the 30 EU/EEA codes (Greece is GR).");
    }

    public static Dictionary<string, object?> Build(PolicyDefinition policy, ClauseDefinition clause, IReadOnlyList<RuleHit> hits,
        AutomatedSubject subject, int previous, DateTimeOffset now, IReadOnlyList<string>? territorialScope = null)
    {
        var evidence = EvidenceOf(hits);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var dsa = clause.Dsa;
        var body = new Dictionary<string, object?>
        {
            ["puid"] = Puid(subject, clause.Id, previous),
            ["advertiser_id"] = subject.AdvertiserExternalId,
            ["clause"] = new { id = clause.Id, version = policy.Version },
            ["evidence"] = evidence.Select(e => new { kind = e.Kind, value = e.Value, source = e.Source, observed_at = now }).ToList(),
            ["decider"] = new { kind = Decisions.DeciderKinds.Rule, @ref = hits[0].RuleId },
            ["decision_ground"] = dsa.DecisionGround,
            ["content_type"] = subject.AdExternalId is null ? new[] { TdbEnums.ContentTypeOther } : ["CONTENT_TYPE_TEXT"],
            ["category"] = dsa.Category ?? DefaultCategory,
            ["content_date"] = Date(subject.DeliveryStart is { } start && start < now ? DateOnly.FromDateTime(start.UtcDateTime) : today),
            ["application_date"] = Date(today),
            ["decision_facts"] = Facts(policy, clause, hits, subject, evidence, today),
            ["source_type"] = TdbEnums.SourceVoluntary,
            ["automated_detection"] = "Yes",
            ["automated_decision"] = "AUTOMATED_DECISION_FULLY",
            ["territorial_scope"] = TerritorialScope(territorialScope).ToList(),
        };
        if (subject.AdExternalId is { } adId) body["ad_id"] = adId;
        else body["content_type_other"] = "advertiser account";
        if (dsa.Keywords.Count > 0) body["category_specification"] = dsa.Keywords.ToList();
        var ground = $"Policy {policy.Id} v{policy.Version}, clause {clause.Id}: {clause.Title}";
        var explanation = Explanation(clause, hits, evidence);
        if (dsa.DecisionGround == TdbEnums.GroundIllegal)
        {
            body["illegal_content_legal_ground"] = Cut(ground, TdbValidation.ShortText);
            body["illegal_content_explanation"] = explanation;
        }
        else
        {
            body["incompatible_content_ground"] = Cut(ground, TdbValidation.ShortText);
            body["incompatible_content_explanation"] = explanation;
        }
        AddRestrictions(body, dsa, subject, today);
        return body;
    }

    private static void AddRestrictions(Dictionary<string, object?> body, DsaMapping dsa, AutomatedSubject subject, DateOnly today)
    {
        var restrictions = dsa.Restrictions.Count > 0 ? dsa.Restrictions
            : subject.AdExternalId is null ? ["DECISION_ACCOUNT_SUSPENDED"] : ["DECISION_VISIBILITY_CONTENT_REMOVED"];
        string? end = dsa.DurationDays is { } days ? Date(today.AddDays(days)) : null;
        var visibility = restrictions.Where(r => r.StartsWith("DECISION_VISIBILITY_", StringComparison.Ordinal)).ToList();
        if (visibility.Count > 0)
        {
            body["decision_visibility"] = visibility;
            if (end is not null) body["end_date_visibility_restriction"] = end;
        }
        foreach (var (prefix, field, endField) in new[]
                 {
                     ("DECISION_MONETARY_", "decision_monetary", "end_date_monetary_restriction"),
                     ("DECISION_PROVISION_", "decision_provision", "end_date_service_restriction"),
                     ("DECISION_ACCOUNT_", "decision_account", "end_date_account_restriction"),
                 })
        {
            if (restrictions.FirstOrDefault(r => r.StartsWith(prefix, StringComparison.Ordinal)) is not { } value) continue;
            body[field] = value;
            if (end is not null) body[endField] = end;
        }
    }

    /// <summary>What was found, where and when, each piece quoted from the evidence and cited by its marker.</summary>
    public static string Facts(PolicyDefinition policy, ClauseDefinition clause, IReadOnlyList<RuleHit> hits, AutomatedSubject subject,
        IReadOnlyList<Evidence> evidence, DateOnly today)
    {
        var text = new StringBuilder();
        var what = subject.AdExternalId is null
            ? $"advertiser \"{subject.AdvertiserExternalId}\""
            : $"ad \"{subject.AdExternalId}\"{(string.IsNullOrWhiteSpace(subject.AdTitle) ? "" : $" (\"{Cut(subject.AdTitle, 120)}\")")} of advertiser \"{subject.AdvertiserExternalId}\"";
        text.Append(CultureInfo.InvariantCulture, $"On {Date(today)} Candor's automated check of {what} against policy {policy.Id} v{policy.Version}, clause {clause.Id} ({clause.Title}), found:");
        foreach (var hit in hits)
        {
            var rule = clause.Rules.FirstOrDefault(r => r.Id == hit.RuleId);
            text.Append(CultureInfo.InvariantCulture, $" Rule {hit.RuleId}{(rule?.Description is { } d ? $" ({d.TrimEnd('.')})" : "")}:");
            var first = true;
            for (var i = 0; i < evidence.Count; i++)
            {
                if (evidence[i].Source != "rule " + hit.RuleId) continue;
                text.Append(first ? " " : "; ").Append('"').Append(evidence[i].Value).Append("\" [E").Append(i + 1).Append(']');
                first = false;
            }
            text.Append('.');
        }
        return Cut(text.ToString(), TdbValidation.Facts);
    }

    private static string Explanation(ClauseDefinition clause, IReadOnlyList<RuleHit> hits, List<Evidence> evidence)
    {
        var quoted = evidence.Count > 0 ? $" \"{Cut(evidence[0].Value, 300)}\" [E1]" : "";
        var text = $"Clause {clause.Id} ({clause.Title}) applies: rule {hits[0].RuleId} matched{quoted}" +
                   (hits.Count > 1 ? $", and {hits.Count - 1} more rule(s) of the clause matched too." : ".");
        return Cut(text, TdbValidation.Explanation);
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    /// <summary>The body as the decisions API parses it, so the automated path runs exactly the same checks.</summary>
    public static Dictionary<string, object?> AsParsedInput(Dictionary<string, object?> body)
    {
        using var document = JsonDocument.Parse(JsonSerializer.Serialize(body, Infrastructure.CandorJson.Output));
        return TdbInput.ObjectOf(document.RootElement);
    }
}
