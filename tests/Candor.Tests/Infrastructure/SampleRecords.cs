namespace Candor.Tests.Infrastructure;

/// <summary>Valid ingestion records as a platform would send them, with overrides per test.</summary>
public static class SampleRecords
{
    public static Dictionary<string, object?> Advertiser(string id, string legalName = "Acme Outdoor GmbH", string country = "DE") => new()
    {
        ["id"] = id,
        ["legal_name"] = legalName,
        ["display_name"] = "Acme",
        ["country"] = country,
        ["registration_ids"] = new[] { new Dictionary<string, string> { ["scheme"] = "HRB", ["value"] = "HRB 1" } },
        ["verification_status"] = "verified",
    };

    public static Dictionary<string, object?> Ad(string id, string advertiserId, string title = "Rain jackets on sale") => new()
    {
        ["id"] = id,
        ["advertiser_id"] = advertiserId,
        ["title"] = title,
        ["body"] = "Waterproof and repairable.",
        ["landing_url"] = "https://shop.acme.example/jackets",
        ["language"] = "de",
        ["delivery_start"] = "2026-10-01T00:00:00Z",
        ["delivery_end"] = "2026-10-15T00:00:00Z",
        ["beneficiary"] = "Acme Outdoor GmbH",
        ["payer"] = "Acme Holding AG",
        ["status"] = "ended",
        ["targeting"] = new object[]
        {
            new Dictionary<string, object> { ["category"] = "age", ["values"] = new[] { "25-54" }, ["mode"] = "included" },
            new Dictionary<string, object> { ["category"] = "location", ["values"] = new[] { "DE", "AT" }, ["mode"] = "included" },
        },
        ["reach_total"] = 1500,
        ["reach_by_country"] = new Dictionary<string, long> { ["DE"] = 1200, ["AT"] = 300 },
    };

    public static Dictionary<string, object?> With(this Dictionary<string, object?> record, string field, object? value)
    {
        var copy = new Dictionary<string, object?>(record) { [field] = value };
        return copy;
    }

    public static Dictionary<string, object?> Without(this Dictionary<string, object?> record, string field)
    {
        var copy = new Dictionary<string, object?>(record);
        copy.Remove(field);
        return copy;
    }
}
