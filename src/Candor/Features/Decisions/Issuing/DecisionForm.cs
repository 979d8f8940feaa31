using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Candor.Features.Decisions.Tdb;

namespace Candor.Features.Decisions.Issuing;

public sealed class EvidenceRow
{
    public string? Kind { get; set; }
    public string? Value { get; set; }
    public string? Source { get; set; }
    /// <summary>As typed: an ISO date (<c>2026-10-03</c>) or instant (<c>2026-10-03T10:00:00Z</c>); the API validates it.</summary>
    public string? ObservedAt { get; set; }
}

/// <summary>
/// The reviewer's console form, field by field. <see cref="ToInput"/> turns it into the very body
/// <c>POST /api/v1/decisions</c> takes, so the form gets the API's validation and nothing else.
/// </summary>
public sealed class DecisionForm
{
    public const int EvidenceRows = 5;

    public string? AdvertiserId { get; set; }
    public string? AdId { get; set; }
    public string? ClauseId { get; set; }
    public string? ClauseVersion { get; set; }
    public List<EvidenceRow> Evidence { get; set; } = [];
    public string? Facts { get; set; }
    public string Ground { get; set; } = TdbEnums.GroundIncompatible;
    /// <summary>The term or the law relied on: <c>incompatible_content_ground</c> or <c>illegal_content_legal_ground</c>.</summary>
    public string? GroundText { get; set; }
    public string? Explanation { get; set; }
    public string? Visibility { get; set; }
    public string? VisibilityEnd { get; set; }
    public string? Monetary { get; set; }
    public string? MonetaryEnd { get; set; }
    public string? Provision { get; set; }
    public string? ProvisionEnd { get; set; }
    public string? Account { get; set; }
    public string? AccountEnd { get; set; }
    public string? TerritorialScope { get; set; }
    public string Category { get; set; } = "STATEMENT_CATEGORY_OTHER_VIOLATION_TC";
    public string ContentType { get; set; } = "CONTENT_TYPE_TEXT";
    public string? ContentDate { get; set; }
    public string? ApplicationDate { get; set; }
    public string SourceType { get; set; } = TdbEnums.SourceVoluntary;
    public bool AutomatedDetection { get; set; }
    public string AutomatedDecision { get; set; } = "AUTOMATED_DECISION_NOT_AUTOMATED";
    public string? EffectiveAt { get; set; }

    /// <summary>
    /// The form filled from an issued decision, for an amendment: the reviewer edits what was wrong and issues the
    /// result as a new decision. Fields the form has no place for (e.g. additional categories, content language) are
    /// added back when it is issued (<see cref="AmendmentCarryOver"/>).
    /// </summary>
    public static DecisionForm From(Decision d, string advertiserExternalId, string? adExternalId)
    {
        static string? Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        static List<string> Array(string json) => JsonSerializer.Deserialize<List<string>>(json) ?? [];
        var illegal = d.DecisionGround == TdbEnums.GroundIllegal;
        var form = new DecisionForm
        {
            AdvertiserId = advertiserExternalId,
            AdId = adExternalId,
            ClauseId = d.ClauseId,
            ClauseVersion = d.ClauseVersion,
            Evidence = Issuance.EvidenceOf(d).Select(e => new EvidenceRow
            {
                Kind = e.Kind, Value = e.Value, Source = e.Source,
                ObservedAt = e.ObservedAt?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            }).ToList(),
            Facts = d.DecisionFacts,
            Ground = illegal ? TdbEnums.GroundIllegal : TdbEnums.GroundIncompatible,
            GroundText = illegal ? d.IllegalContentLegalGround : d.IncompatibleContentGround,
            Explanation = illegal ? d.IllegalContentExplanation : d.IncompatibleContentExplanation,
            Visibility = Array(d.DecisionVisibility).FirstOrDefault(),
            VisibilityEnd = Day(d.EndDateVisibilityRestriction),
            Monetary = d.DecisionMonetary,
            MonetaryEnd = Day(d.EndDateMonetaryRestriction),
            Provision = d.DecisionProvision,
            ProvisionEnd = Day(d.EndDateServiceRestriction),
            Account = d.DecisionAccount,
            AccountEnd = Day(d.EndDateAccountRestriction),
            TerritorialScope = string.Join(' ', Array(d.TerritorialScope)),
            Category = d.Category,
            ContentType = Array(d.ContentType).FirstOrDefault() ?? "CONTENT_TYPE_TEXT",
            ContentDate = Day(d.ContentDate),
            ApplicationDate = Day(d.ApplicationDate),
            SourceType = d.SourceType,
            AutomatedDetection = d.AutomatedDetection,
            AutomatedDecision = d.AutomatedDecision,
        };
        return form.WithRows();
    }

    /// <summary>Pads the evidence rows to the fixed number the page shows (no JavaScript adds rows).</summary>
    public DecisionForm WithRows()
    {
        while (Evidence.Count < EvidenceRows) Evidence.Add(new EvidenceRow());
        return this;
    }

    /// <param name="amends">The decision this form amends: its fields the form has no place for are kept (<see cref="AmendmentCarryOver"/>).</param>
    public Dictionary<string, object?> ToInput(string deciderRef, bool draft, Decision? amends = null)
    {
        var body = new JsonObject
        {
            ["advertiser_id"] = Text(AdvertiserId),
            ["ad_id"] = Text(AdId),
            ["clause"] = new JsonObject { ["id"] = Text(ClauseId), ["version"] = Text(ClauseVersion) },
            ["evidence"] = new JsonArray(Evidence.Where(e => Text(e.Value) is not null || Text(e.Source) is not null).Select(e => (JsonNode)new JsonObject
            {
                ["kind"] = Text(e.Kind) ?? "other",
                ["value"] = Text(e.Value),
                ["source"] = Text(e.Source),
                ["observed_at"] = Instant(e.ObservedAt),
            }).ToArray()),
            ["decision_ground"] = Ground,
            ["decision_facts"] = Text(Facts),
            ["territorial_scope"] = new JsonArray((TerritorialScope ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries)
                .Select(c => (JsonNode)JsonValue.Create(c.ToUpperInvariant())!).ToArray()),
            ["category"] = Category,
            ["content_type"] = new JsonArray(JsonValue.Create(ContentType)),
            ["content_date"] = Text(ContentDate),
            ["application_date"] = Text(ApplicationDate),
            ["source_type"] = SourceType,
            ["automated_detection"] = AutomatedDetection ? "Yes" : "No",
            ["automated_decision"] = AutomatedDecision,
            ["decider"] = new JsonObject { ["kind"] = DeciderKinds.Person, ["ref"] = deciderRef },
            ["draft"] = draft,
        };
        if (Ground == TdbEnums.GroundIllegal)
        {
            body["illegal_content_legal_ground"] = Text(GroundText);
            body["illegal_content_explanation"] = Text(Explanation);
        }
        else
        {
            body["incompatible_content_ground"] = Text(GroundText);
            body["incompatible_content_explanation"] = Text(Explanation);
        }
        if (Text(Visibility) is { } visibility)
        {
            body["decision_visibility"] = new JsonArray(JsonValue.Create(visibility));
            if (Text(VisibilityEnd) is { } end) body["end_date_visibility_restriction"] = end;
        }
        Restriction(body, "decision_monetary", Monetary, "end_date_monetary_restriction", MonetaryEnd);
        Restriction(body, "decision_provision", Provision, "end_date_service_restriction", ProvisionEnd);
        Restriction(body, "decision_account", Account, "end_date_account_restriction", AccountEnd);
        if (Instant(EffectiveAt) is { } effective) body["effective_at"] = effective;
        if (amends is not null)
            foreach (var (key, value) in AmendmentCarryOver.Fields(this, amends)) body[key] = value;
        // Empty optional fields are left out, as an API client would: the TDB refuses some fields sent as null.
        foreach (var key in body.Where(p => p.Value is null).Select(p => p.Key).ToList())
            if (key is not ("decision_facts" or "decision_ground")) body.Remove(key);
        return TdbInput.ObjectOf(JsonDocument.Parse(body.ToJsonString()).RootElement);
    }

    private static void Restriction(JsonObject body, string key, string? value, string endKey, string? end)
    {
        if (Text(value) is not { } v) return;
        body[key] = v;
        if (Text(end) is { } e) body[endKey] = e;
    }

    private static string? Text(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>A bare date from a date input means the start of that day, UTC; anything else goes through unchanged.</summary>
    private static string? Instant(string? s) =>
        Text(s) is not { } t ? null
        : DateOnly.TryParseExact(t, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _) ? t + "T00:00:00Z"
        : t.Length == 16 && t[10] == 'T' ? t + ":00Z" // datetime-local: minutes, no zone; the form says UTC
        : t;
}
