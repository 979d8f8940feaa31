using System.Globalization;
using System.Text;
using Candor.Features.Decisions.Issuing;
using Candor.Features.Decisions.Tdb;
using Candor.Features.Rules;

namespace Candor.Features.Review;

/// <summary>
/// The decision form prefilled from a review item: subject, clause and version, the clause's DSA mapping, one evidence
/// item per explanation leaf that made a rule fire, and facts drafted from those leaves citing them as [E1], [E2] …
/// The reviewer edits everything before saving; the draft only spares retyping what the rules already saw. Pure.
/// </summary>
public static class ReviewDraft
{
    public static DecisionForm Form(ReviewItemView view, DateTimeOffset now)
    {
        var item = view.Item;
        var subject = view.Subject;
        var clause = view.Clause;
        var evaluatedAt = view.EvaluatedAt ?? item.CreatedAt;
        var observed = evaluatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var evidence = new List<EvidenceRow>();
        var facts = new StringBuilder();
        facts.Append(CultureInfo.InvariantCulture, $"On {evaluatedAt.UtcDateTime:yyyy-MM-dd} Candor's rules for clause {item.ClauseId} found in ")
            .Append(subject.AdId is { } adId ? $"ad {adId} of advertiser {subject.AdvertiserName}" : $"the account of advertiser {subject.AdvertiserName}")
            .Append(':');
        foreach (var hit in view.Hits.Where(h => !h.Shadow))
        {
            var description = clause?.RuleDescriptions.GetValueOrDefault(hit.RuleId);
            var cited = new List<string>();
            foreach (var leaf in hit.Tree.Evidence())
            {
                if (evidence.Count >= DecisionInput.MaxEvidence) break;
                var value = Shorten(string.Join("; ", leaf.Values), DecisionInput.MaxEvidenceValue);
                if (value.Length == 0) continue;
                var existing = evidence.FindIndex(e => e.Value == value);
                if (existing < 0)
                {
                    evidence.Add(new EvidenceRow { Kind = KindOf(leaf.Predicate), Value = value, Source = $"Candor rule {hit.RuleId} ({leaf.Predicate})", ObservedAt = observed });
                    existing = evidence.Count - 1;
                }
                cited.Add($"{value} [E{existing + 1}]");
            }
            facts.Append(CultureInfo.InvariantCulture, $" rule {hit.RuleId}")
                .Append(description is null ? "" : $" ({description.TrimEnd('.')})")
                .Append(" saw ").Append(string.Join(", ", cited)).Append(';');
        }
        facts.Length--;
        facts.Append('.');

        var form = new DecisionForm
        {
            AdvertiserId = subject.AdvertiserId,
            AdId = subject.AdId,
            ClauseId = item.ClauseId,
            ClauseVersion = item.PolicyVersion,
            Evidence = evidence,
            Facts = Shorten(facts.ToString(), 5000),
            Ground = clause?.DecisionGround == TdbEnums.GroundIllegal ? TdbEnums.GroundIllegal : TdbEnums.GroundIncompatible,
            GroundText = Shorten($"{clause?.PolicyTitle ?? item.PolicyId} ({item.PolicyId} version {item.PolicyVersion}), clause {item.ClauseId}" +
                                 (clause is null ? "" : ": " + clause.Title), 500),
            Explanation = clause is null ? null : Shorten(clause.Text.Trim(), 2000),
            AutomatedDetection = true,
            ContentDate = (subject.DeliveryStart ?? evaluatedAt).UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ApplicationDate = now.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
        if (clause?.Category is { } category) form.Category = category;
        var end = clause?.DurationDays is { } days ? now.UtcDateTime.AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null;
        foreach (var restriction in clause?.Restrictions ?? [])
        {
            if (restriction.StartsWith("DECISION_VISIBILITY_", StringComparison.Ordinal)) (form.Visibility, form.VisibilityEnd) = (restriction, end);
            else if (restriction.StartsWith("DECISION_MONETARY_", StringComparison.Ordinal)) (form.Monetary, form.MonetaryEnd) = (restriction, end);
            else if (restriction.StartsWith("DECISION_PROVISION_", StringComparison.Ordinal)) (form.Provision, form.ProvisionEnd) = (restriction, end);
            else if (restriction.StartsWith("DECISION_ACCOUNT_", StringComparison.Ordinal)) (form.Account, form.AccountEnd) = (restriction, end);
        }
        return form.WithRows();
    }

    /// <summary>The evidence kind of the decisions API that best says where a predicate looked.</summary>
    public static string KindOf(string predicate) => predicate switch
    {
        "text_contains" or "text_matches" or "targets_minors" or "targets_special_category" => "ad_content",
        "landing_domain_in" => "landing_page",
        "screening_match" => "list_entry",
        "advertiser_country_in" => "registry_record",
        _ => "other",
    };

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
