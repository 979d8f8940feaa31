using System.Net;
using Candor.Features.Tokens;
using Candor.Tests.Infrastructure;

namespace Candor.Tests.Decisions;

/// <summary>A platform with a decisions token, one advertiser and one ad, and valid decision bodies to vary.</summary>
public sealed record DecisionPlatform(TestPlatform Platform, HttpClient Decisions, string AdvertiserId, string AdId)
{
    public static async Task<DecisionPlatform> CreateAsync(AppFixture app, string legalName = "Acme Outdoor GmbH")
    {
        var platform = await app.CreatePlatformAsync();
        var token = await app.WithDbAsync(db => CreateToken.RunAsync(db, app.Clock, platform.Id, "decisions", null, default, CreateToken.DecisionsWriteScope));
        var result = new DecisionPlatform(platform, app.WithToken(token.Token), "adv-1", "ad-1");
        await result.AddAdvertiserAsync("adv-1", legalName, "ad-1");
        return result;
    }

    public async Task AddAdvertiserAsync(string id, string legalName, string? adId = null)
    {
        (await Platform.Client.PostAsync("/api/v1/advertisers", HttpAssertions.Json(new[] { SampleRecords.Advertiser(id, legalName) }))).EnsureSuccessStatusCode();
        if (adId is not null)
            (await Platform.Client.PostAsync("/api/v1/ads", HttpAssertions.Json(new[] { SampleRecords.Ad(adId, id) }))).EnsureSuccessStatusCode();
    }

    public static Dictionary<string, object?> Body(string advertiserId = "adv-1", string? adId = "ad-1", string? facts = null) => new()
    {
        ["advertiser_id"] = advertiserId,
        ["ad_id"] = adId,
        ["clause"] = new Dictionary<string, string> { ["id"] = "ads-4.2", ["version"] = "2026-09" },
        ["evidence"] = new object[]
        {
            new Dictionary<string, object> { ["kind"] = "landing_page", ["value"] = "https://shop.acme.example/jackets claims \"100% waterproof for life\"",
                ["source"] = "crawler", ["observed_at"] = "2026-10-03T10:00:00Z" },
            new Dictionary<string, object> { ["kind"] = "document", ["value"] = "lab report LR-2291", ["source"] = "trusted tester" },
        },
        ["decision_visibility"] = new[] { "DECISION_VISIBILITY_CONTENT_REMOVED" },
        ["end_date_visibility_restriction"] = "2027-01-31",
        ["decision_ground"] = "DECISION_GROUND_INCOMPATIBLE_CONTENT",
        ["incompatible_content_ground"] = "Advertising policy 4.2: claims about products must be accurate",
        ["incompatible_content_explanation"] = "The ad's landing page claims a waterproof rating the product does not have [E2].",
        ["content_type"] = new[] { "CONTENT_TYPE_TEXT" },
        ["category"] = "STATEMENT_CATEGORY_CONSUMER_INFORMATION",
        ["territorial_scope"] = new[] { "AT", "DE" },
        ["content_date"] = "2026-10-01",
        ["application_date"] = "2026-11-02",
        ["decision_facts"] = facts ?? "On 2026-10-03 the landing page of ad ad-1 stated \"100% waterproof for life\" [E1]; lab report LR-2291 [E2] " +
                             "measured water ingress after 20 minutes at 1,500 mm.",
        ["source_type"] = "SOURCE_VOLUNTARY",
        ["automated_detection"] = "No",
        ["automated_decision"] = "AUTOMATED_DECISION_NOT_AUTOMATED",
    };

    public async Task<HttpResponseMessage> PostAsync(Dictionary<string, object?> body) =>
        await Decisions.PostAsync("/api/v1/decisions", HttpAssertions.Json(body));

    public async Task<System.Text.Json.Nodes.JsonNode> IssueAsync(Dictionary<string, object?> body) =>
        await (await PostAsync(body)).ReadJsonAsync(HttpStatusCode.Created);
}
