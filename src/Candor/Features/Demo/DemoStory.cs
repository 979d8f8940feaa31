using System.Globalization;
using System.Text.Json;
using Candor.Data;
using Candor.Features.Ads;
using Candor.Features.Advertisers;
using Candor.Features.Audit;
using Candor.Features.Decisions;
using Candor.Features.Decisions.Issuing;
using Candor.Features.Decisions.Tdb;
using Candor.Features.Identity;
using Candor.Features.Notices;

namespace Candor.Features.Demo;

/// <summary>
/// The story, done right (docs/demo.md): a security-software vendor named on a government restriction list — the
/// fictional "Kestrel Labs", modelled on Kaspersky Lab's entry on the FCC Covered List — whose ads are restricted by a
/// specific, evidence-backed decision, next to the boilerplate attempt the console refused.
/// </summary>
public static class DemoStory
{
    public const string AdvertiserId = "kestrel-labs";
    public const string ContactEmail = "legal@kestrel-labs.example";
    public const string ReviewerEmail = "reviewer@demo.example";
    /// <summary>Printed on start and in docs/demo.md: a demo instance is for trying the console, not for real data.</summary>
    public const string ReviewerPassword = "demo reviewer password";
    public const string Actor = "demo:reviewer";
    public const string ListUrl = "https://www.fcc.gov/supplychain/coveredlist";

    /// <summary>The line from the news story: refused, with its reason, whatever evidence it points at.</summary>
    public const string StoryLine = "The advertiser operates using a business model that inherently conflicts with acceptable ads business practices. [E1]";

    public static AdvertiserInput Advertiser => new(AdvertiserId, "Kestrel Labs JSC (fictional)", "Kestrel Labs", "CY", [new("HE", "HE 000000 (fictional)")],
        VerificationStatus.Verified, ContactEmail);

    public static List<AdInput> Ads(DateTimeOffset now)
    {
        var day = new DateTimeOffset(now.Year, now.Month, now.Day, 0, 0, 0, TimeSpan.Zero);
        AdInput Ad(string id, string title, string body, string path) => new(id, AdvertiserId, title, body, "https://kestrel-labs.example/" + path,
            [], "text", "en", "Kestrel Total Security", "Security software", day.AddDays(-14), null, "Kestrel Labs JSC (fictional)", null, AdStatus.Active,
            [new(TargetingCategory.Location, "country", ["DE", "FR", "IT"], TargetingMode.Included)],
            120_000, new Dictionary<string, long> { ["DE"] = 60_000, ["FR"] = 40_000, ["IT"] = 20_000 }, null, null, null, null, null, false);
        return
        [
            Ad("kestrel-1", "Kestrel Total Security — 40% off", "Antivirus, VPN and password manager for every device.", "total-security"),
            Ad("kestrel-2", "Protect your business endpoints", "Kestrel Endpoint Security: 30 days free for small businesses.", "endpoint"),
            Ad("kestrel-3", "Your VPN, from Kestrel", "Browse privately with Kestrel Secure Connection.", "vpn"),
        ];
    }

    public static async Task LoadAsync(CandorDb db, TimeProvider clock, long platformId, BoilerplateOptions boilerplate, NoticeOptions notices,
        ILogger logger, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await UpsertAdvertisers.RunAsync(db, clock, platformId, [Advertiser], InvalidRecords.RefuseBatch, ct);
        var ads = await UpsertAds.RunAsync(db, clock, platformId, Ads(now), InvalidRecords.RefuseBatch, ct);
        if (ads.Errors.Any) throw new InvalidOperationException("Demo story ads are invalid: " + string.Join("; ", ads.Errors.Describe()));
        var reviewer = await CreateUser.RunAsync(db, clock, "demo", ReviewerEmail, Roles.Reviewer, platformId, null, ReviewerPassword, ct);

        // The attempt as the story had it: refused, and recorded as the console records a refusal.
        var (_, refusal) = await CreateDecision.PrepareAsync(db, boilerplate, platformId, Actor, Body(now, StoryLine, "See the facts."), DecisionMethods.Form, null, now, ct);
        if (!refusal.Any) throw new InvalidOperationException("The demo's boilerplate attempt was accepted; the boilerplate check is broken.");
        db.ChangeTracker.Clear();
        AuditTrail.Record(db, clock, Actor, "decision.refused", platformId, AdvertiserId, null, string.Join(" | ", refusal.Describe()));
        await db.SaveChangesAsync(ct);

        var issued = await CreateDecision.RunAsync(db, clock, boilerplate, notices, platformId, "user:" + reviewer.Id.ToString(CultureInfo.InvariantCulture),
            Body(now, SpecificFacts, Explanation).With("decider", new Dictionary<string, object?> { ["kind"] = DeciderKinds.Person, ["ref"] = "user:" + reviewer.Id.ToString(CultureInfo.InvariantCulture) }),
            DecisionMethods.Form, null, ct);
        if (issued.Errors is { } errors) throw new InvalidOperationException("The demo decision was refused: " + string.Join("; ", errors.Describe()));
        logger.LogInformation("Demo story: decision {Uuid} restricts Kestrel Labs' ads; its notice: {Url}. Console reviewer: {Email} / {Password}",
            issued.Decision!.Uuid, PasswordLinks.PublicUrl(issued.NoticePath!), ReviewerEmail, ReviewerPassword);
    }

    private const string SpecificFacts =
        "Kestrel Labs is named on the FCC Covered List [E1] (entry added 2022-03-25, \"information security products, solutions, and services\"). " +
        "Its ads kestrel-1, kestrel-2 and kestrel-3 [E2] promote those same products and lead to kestrel-labs.example [E3].";

    private const string Explanation =
        "Policy ADV-4, clause 4.3 (version 1.0) does not accept ads for information-security products from a vendor that a government " +
        "list names as a risk for those products, where the listing applies; the entry [E1] names the products the ads promote [E2].";

    /// <summary>The body as the API would receive it (through JSON, so every value has the shape the validation expects).</summary>
    private static Dictionary<string, object?> Body(DateTimeOffset now, string facts, string explanation)
    {
        var today = now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return TdbInput.ObjectOf(JsonSerializer.SerializeToElement(new Dictionary<string, object?>
        {
            ["advertiser_id"] = AdvertiserId,
            ["clause"] = new Dictionary<string, object?> { ["id"] = "ADV-4.3", ["version"] = "1.0" },
            ["evidence"] = new List<object?>
            {
                Evidence("list_entry", "FCC Covered List: Kestrel Labs (fictional entry, modelled on the one for Kaspersky Lab, added 2022-03-25)", ListUrl, "2022-03-25T00:00:00Z"),
                Evidence("ad_content", "Ads kestrel-1, kestrel-2, kestrel-3: Kestrel Total Security, Endpoint Security, Secure Connection", "platform ad records",
                    now.AddDays(-1).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)),
                Evidence("url", "landing domain kestrel-labs.example", "platform ad records", null),
            },
            ["decision_visibility"] = new List<object?> { "DECISION_VISIBILITY_CONTENT_DISABLED" },
            ["decision_monetary"] = "DECISION_MONETARY_SUSPENSION",
            ["decision_ground"] = "DECISION_GROUND_INCOMPATIBLE_CONTENT",
            ["incompatible_content_ground"] = "Policy ADV-4.3: security and communications products of restricted vendors",
            ["incompatible_content_explanation"] = explanation,
            ["content_type"] = new List<object?> { "CONTENT_TYPE_TEXT" },
            ["category"] = "STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY",
            ["territorial_scope"] = new List<object?> { "DE", "FR", "IT" },
            ["content_date"] = now.AddDays(-14).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["application_date"] = today,
            ["decision_facts"] = facts,
            ["source_type"] = "SOURCE_VOLUNTARY",
            ["automated_detection"] = "No",
            ["automated_decision"] = "AUTOMATED_DECISION_NOT_AUTOMATED",
        }));
    }

    private static Dictionary<string, object?> Evidence(string kind, string value, string source, string? observedAt) => new()
    {
        ["kind"] = kind, ["value"] = value, ["source"] = source, ["observed_at"] = observedAt,
    };

    private static Dictionary<string, object?> With(this Dictionary<string, object?> body, string key, object? value)
    {
        body[key] = value;
        return body;
    }
}
