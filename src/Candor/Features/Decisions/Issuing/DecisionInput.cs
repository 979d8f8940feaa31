using System.Globalization;
using Candor.Features.Decisions.Tdb;
using Candor.Infrastructure;

namespace Candor.Features.Decisions.Issuing;

public sealed record EvidenceItem(string Kind, string Value, string? Source, DateTimeOffset? ObservedAt);

public sealed record ClauseRef(string Id, string Version);

public sealed record DeciderRef(string Kind, string? Ref);

/// <summary>What Candor's decisions API takes beyond the TDB statement fields.</summary>
public sealed record CandorFields(
    string? AdvertiserId, string? AdId, ClauseRef Clause, IReadOnlyList<EvidenceItem> Evidence, DeciderRef? Decider,
    DateTimeOffset? EffectiveAt, bool Draft);

public sealed record DecisionInputResult(TdbStatement? Statement, CandorFields? Fields, FieldErrors Errors);

/// <summary>
/// Validates a body of <c>POST /api/v1/decisions</c>: every TDB rule with the TDB's field keys and messages, then
/// Candor's own (subject, clause, evidence, facts that cite the evidence). Pure; the boilerplate check needs the
/// database and runs after this (<see cref="IssueDecision"/>).
/// </summary>
public static class DecisionInput
{
    public const int MaxEvidence = 50;
    public const int MaxEvidenceValue = 2000;

    public static readonly IReadOnlySet<string> EvidenceKinds = new HashSet<string>(StringComparer.Ordinal)
    {
        "ad_content", "landing_page", "list_entry", "registry_record", "document", "screenshot", "url", "report", "transaction", "other",
    };

    private static readonly HashSet<string> CandorKeys = new(StringComparer.Ordinal)
        { "advertiser_id", "ad_id", "clause", "evidence", "decider", "effective_at", "draft" };

    private static readonly HashSet<string> TdbKeys = new(StringComparer.Ordinal)
    {
        "decision_visibility", "decision_visibility_other", "decision_monetary", "decision_monetary_other", "decision_provision",
        "decision_account", "account_type", "decision_ground", "decision_ground_reference_url", "illegal_content_legal_ground",
        "illegal_content_explanation", "incompatible_content_ground", "incompatible_content_explanation", "incompatible_content_illegal",
        "content_type", "content_type_other", "category", "category_addition", "category_specification", "category_specification_other",
        "territorial_scope", "content_language", "content_date", "application_date", "end_date_visibility_restriction",
        "end_date_monetary_restriction", "end_date_service_restriction", "end_date_account_restriction", "decision_facts",
        "source_type", "source_identity", "automated_detection", "automated_decision", "puid", "content_id", "content_id_ean",
    };

    /// <summary>A puid for a decision that came without one: the TDB's format, unique by construction.</summary>
    public static string NewPuid(Guid uuid) => "candor-" + uuid.ToString("N");

    public static DecisionInputResult Validate(Dictionary<string, object?> input, DateTimeOffset now, Guid uuid)
    {
        var errors = new FieldErrors();
        // Unlike the TDB, which drops what it does not know, Candor's own API refuses a misspelt field rather than lose it.
        foreach (var key in input.Keys.Where(k => !TdbKeys.Contains(k) && !CandorKeys.Contains(k)))
            errors.Add(key, "Unknown field.");
        if (input.GetValueOrDefault("puid") is null) input["puid"] = NewPuid(uuid);

        var tdb = TdbValidation.Validate(input, TdbEndpoint.Statement);
        foreach (var field in tdb.Errors.Fields)
            foreach (var message in tdb.Errors[field]) errors.Add(field, message);

        var advertiserId = Id(input, "advertiser_id", errors);
        var adId = Id(input, "ad_id", errors);
        if (advertiserId is null && adId is null)
            errors.Add("advertiser_id", "Name the affected party: advertiser_id, ad_id or both (the platform's ids).");
        var clause = Clause(input.GetValueOrDefault("clause"), errors);
        var evidence = Evidence(input, errors);
        var decider = Decider(input.GetValueOrDefault("decider"), errors);
        var effectiveAt = Instant(input, "effective_at", errors);
        if (effectiveAt is { } at && at < now - TimeSpan.FromMinutes(1))
            errors.Add("effective_at", "A restriction cannot take effect in the past; leave effective_at out to make it effective on issue.");
        var draft = input.GetValueOrDefault("draft") switch
        {
            null => false,
            bool b => b,
            _ => Fail(errors, "draft", "Must be true or false."),
        };

        if (tdb.Statement is { } statement && evidence.Count > 0 && !CitesEvidence(statement.DecisionFacts, evidence))
            errors.Add("decision_facts",
                "The facts must cite the evidence: quote an evidence item's value or refer to it as [E1], [E2], … (its position in evidence).");

        return errors.Any || tdb.Statement is null || clause is null
            ? new DecisionInputResult(null, null, errors)
            : new DecisionInputResult(tdb.Statement, new CandorFields(advertiserId, adId, clause, evidence, decider, effectiveAt, draft), errors);
    }

    /// <summary>Whether the facts refer to at least one item, by its marker <c>[E1]</c> or by quoting its value.</summary>
    public static bool CitesEvidence(string facts, IReadOnlyList<EvidenceItem> evidence) =>
        evidence.Select((item, i) => facts.Contains($"[E{i + 1}]", StringComparison.OrdinalIgnoreCase)
                                     || (item.Value.Length >= 4 && facts.Contains(item.Value, StringComparison.OrdinalIgnoreCase)))
            .Any(cited => cited);

    private static string? Id(Dictionary<string, object?> input, string key, FieldErrors errors)
    {
        if (!input.TryGetValue(key, out var value) || value is null) return null;
        var text = TdbFieldCheck.TextOf(value);
        if (text is null) return Fail<string?>(errors, key, "Must be a string: the platform's id.");
        return text.Length > 200 ? Fail<string?>(errors, key, "Must be at most 200 characters.") : text;
    }

    private static ClauseRef? Clause(object? value, FieldErrors errors)
    {
        const string why = "A decision must name the policy clause it relies on, and the version in force: {\"id\": \"…\", \"version\": \"…\"}.";
        if (value is not Dictionary<string, object?> clause) return Fail<ClauseRef?>(errors, "clause", why);
        var id = TdbFieldCheck.TextOf(clause.GetValueOrDefault("id"));
        var version = TdbFieldCheck.TextOf(clause.GetValueOrDefault("version"));
        if (id is null) errors.Add("clause.id", "The clause id is required.");
        else if (id.Length > 200) errors.Add("clause.id", "Must be at most 200 characters.");
        if (version is null) errors.Add("clause.version", "The clause version is required: the notice must say which text applied.");
        else if (version.Length > 100) errors.Add("clause.version", "Must be at most 100 characters.");
        foreach (var extra in clause.Keys.Where(k => k is not ("id" or "version"))) errors.Add($"clause.{extra}", "Unknown field.");
        return id is { Length: <= 200 } && version is { Length: <= 100 } ? new ClauseRef(id, version) : null;
    }

    private static List<EvidenceItem> Evidence(Dictionary<string, object?> input, FieldErrors errors)
    {
        var items = new List<EvidenceItem>();
        var value = input.GetValueOrDefault("evidence");
        if (value is not List<object?> list || list.Count == 0)
        {
            errors.Add("evidence", value is null or List<object?>
                ? "At least one evidence item is required: a statement of reasons must rest on facts the affected party can check."
                : "Must be an array of {kind, value, source, observed_at}.");
            return items;
        }
        if (list.Count > MaxEvidence) errors.Add("evidence", $"At most {MaxEvidence} items.");
        for (var i = 0; i < list.Count && i < MaxEvidence; i++)
        {
            var key = $"evidence[{i}]";
            if (list[i] is not Dictionary<string, object?> item)
            {
                errors.Add(key, "Must be an object {kind, value, source, observed_at}.");
                continue;
            }
            var kind = item.GetValueOrDefault("kind") as string;
            if (kind is null || !EvidenceKinds.Contains(kind))
                errors.Add($"{key}.kind", $"Must be one of: {string.Join(", ", EvidenceKinds.Order(StringComparer.Ordinal))}.");
            var text = TdbFieldCheck.TextOf(item.GetValueOrDefault("value"));
            if (text is null) errors.Add($"{key}.value", "The evidence value is required: what was found (a quote, a url, a list entry…).");
            else if (TdbFieldCheck.CodePoints(text) > MaxEvidenceValue) errors.Add($"{key}.value", $"Must be at most {MaxEvidenceValue} characters.");
            var source = TdbFieldCheck.TextOf(item.GetValueOrDefault("source"));
            if (source is { Length: > 500 }) errors.Add($"{key}.source", "Must be at most 500 characters.");
            var observed = Instant(item, "observed_at", errors, $"{key}.observed_at");
            foreach (var extra in item.Keys.Where(k => k is not ("kind" or "value" or "source" or "observed_at"))) errors.Add($"{key}.{extra}", "Unknown field.");
            if (kind is not null && text is not null) items.Add(new EvidenceItem(kind, text, source, observed));
        }
        return items;
    }

    private static DeciderRef? Decider(object? value, FieldErrors errors)
    {
        if (value is null) return null;
        if (value is not Dictionary<string, object?> decider) return Fail<DeciderRef?>(errors, "decider", "Must be {\"kind\": \"person\"|\"rule\", \"ref\": \"…\"}.");
        var kind = decider.GetValueOrDefault("kind") as string;
        var reference = TdbFieldCheck.TextOf(decider.GetValueOrDefault("ref"));
        if (kind is not (DeciderKinds.Person or DeciderKinds.Rule)) errors.Add("decider.kind", "Must be person or rule.");
        if (reference is { Length: > 200 }) errors.Add("decider.ref", "Must be at most 200 characters.");
        return kind is DeciderKinds.Person or DeciderKinds.Rule && reference is not { Length: > 200 } ? new DeciderRef(kind, reference) : null;
    }

    private static DateTimeOffset? Instant(Dictionary<string, object?> input, string key, FieldErrors errors, string? errorKey = null)
    {
        var value = input.GetValueOrDefault(key);
        if (value is null) return null;
        if (value is string text && text.Length >= 20 && (text.EndsWith('Z') || text[^6] is '+' or '-')
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var at))
            return at.ToUniversalTime();
        errors.Add(errorKey ?? key, "Must be an ISO 8601 instant with its offset, e.g. 2026-11-02T09:00:00Z.");
        return null;
    }

    private static bool Fail(FieldErrors errors, string key, string message)
    {
        errors.Add(key, message);
        return false;
    }

    private static T Fail<T>(FieldErrors errors, string key, string message)
    {
        errors.Add(key, message);
        return default!;
    }
}
