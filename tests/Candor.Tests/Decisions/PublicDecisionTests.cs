using System.Net;
using System.Text.Json.Nodes;
using Candor.Features.Advertisers;
using Candor.Features.Decisions;
using Candor.Tests.Infrastructure;

namespace Candor.Tests.Decisions;

/// <summary>The public decision API and pages: what is shown, what never is, the filters and the cursor.</summary>
public abstract class PublicDecisionTests(AppFixture app)
{
    private DateTimeOffset Now => app.Clock.GetUtcNow();

    private async Task<JsonNode> SearchAsync(string query) =>
        await (await app.Anonymous().GetAsync("/api/v1/public/decisions?" + query)).ReadJsonAsync(HttpStatusCode.OK);

    private static List<string> Uuids(JsonNode page) => page["data"]!.AsArray().Select(d => d!["uuid"]!.GetValue<string>()).ToList();

    [Fact]
    public async Task Issued_decisions_are_public_without_their_puid_and_drafts_are_not()
    {
        var platform = await app.CreatePlatformAsync();
        var issued = await DecisionSeed.AddAsync(app, DecisionSeed.New(platform.Id, "secret-puid-1", Now));
        var draft = await DecisionSeed.AddAsync(app, DecisionSeed.New(platform.Id, "secret-puid-2", Now, DecisionStatuses.Draft));

        var page = await SearchAsync($"platform={platform.Slug}");
        var one = await app.Anonymous().GetStringAsync($"/api/v1/public/decisions/{issued.Uuid}");
        var hidden = await app.Anonymous().GetAsync($"/api/v1/public/decisions/{draft.Uuid}");
        var hiddenPage = await app.Anonymous().GetAsync($"/decisions/{draft.Uuid}");

        Assert.Equal([issued.Uuid.ToString()], Uuids(page));
        Assert.DoesNotContain("secret-puid", page.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("secret-puid", one, StringComparison.Ordinal);
        Assert.DoesNotContain("\"puid\"", one, StringComparison.Ordinal);
        Assert.Contains("40% monthly return", one, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, hiddenPage.StatusCode);
    }

    [Fact]
    public async Task A_notifier_is_named_only_when_a_trusted_flagger_and_private_evidence_values_are_withheld()
    {
        var platform = await app.CreatePlatformAsync();
        var byPerson = DecisionSeed.New(platform.Id, "n1", Now);
        byPerson.SourceType = "SOURCE_ARTICLE_16";
        byPerson.SourceIdentity = "Jane Private, jane@example.org";
        byPerson.EvidenceJson = """[{"kind":"screenshot","value":"https://evidence.example/1.png","source":"reviewer","observed_at":"2026-11-01T10:00:00Z"},{"kind":"notifier-email","value":"jane@example.org","private":true}]""";
        var byFlagger = DecisionSeed.New(platform.Id, "n2", Now);
        byFlagger.SourceType = "SOURCE_TRUSTED_FLAGGER";
        byFlagger.SourceIdentity = "Consumer Watch e.V.";
        await DecisionSeed.AddManyAsync(app, [byPerson, byFlagger]);

        var person = await app.Anonymous().GetStringAsync($"/api/v1/public/decisions/{byPerson.Uuid}");
        var personPage = await app.Anonymous().GetStringAsync($"/decisions/{byPerson.Uuid}");
        var flagger = await (await app.Anonymous().GetAsync($"/api/v1/public/decisions/{byFlagger.Uuid}")).ReadJsonAsync(HttpStatusCode.OK);

        Assert.DoesNotContain("Jane", person, StringComparison.Ordinal);
        Assert.DoesNotContain("jane@example.org", person, StringComparison.Ordinal);
        Assert.DoesNotContain("jane@example.org", personPage, StringComparison.Ordinal);
        Assert.Contains("\"source_identity_withheld\":true", person, StringComparison.Ordinal);
        Assert.Contains("https://evidence.example/1.png", person, StringComparison.Ordinal);
        Assert.Contains("notifier-email", person, StringComparison.Ordinal);
        Assert.Equal("Consumer Watch e.V.", flagger["source_identity"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_reversal_is_shown_openly_with_its_reason_in_the_api_and_on_the_page()
    {
        var platform = await app.CreatePlatformAsync();
        var replacement = DecisionSeed.New(platform.Id, "r2", Now.AddHours(1));
        var reversed = DecisionSeed.New(platform.Id, "r1", Now, DecisionStatuses.Reversed);
        await DecisionSeed.AddManyAsync(app, [reversed, replacement]);
        await DecisionSeed.AddEventAsync(app, reversed.Id, DecisionEventKinds.Issued, Now, null);
        await DecisionSeed.AddEventAsync(app, reversed.Id, DecisionEventKinds.Reversed, Now.AddHours(2),
            new { reason = "Appeal upheld: the returns claim was a quote from a regulator's warning.", superseded_by = replacement.Uuid });

        var json = await (await app.Anonymous().GetAsync($"/api/v1/public/decisions/{reversed.Uuid}")).ReadJsonAsync(HttpStatusCode.OK);
        var html = await app.Anonymous().GetStringAsync($"/decisions/{reversed.Uuid}");
        var onlyReversed = await SearchAsync($"platform={platform.Slug}&status=reversed");

        Assert.Equal("reversed", json["status"]!.GetValue<string>());
        var history = json["history"]!.AsArray();
        Assert.Equal(["issued", "reversed"], history.Select(h => h!["kind"]!.GetValue<string>()));
        Assert.Equal("Appeal upheld: the returns claim was a quote from a regulator's warning.", history[1]!["reason"]!.GetValue<string>());
        Assert.Equal(replacement.Uuid.ToString(), history[1]!["related_decision"]!.GetValue<string>());
        Assert.DoesNotContain("user:1", json.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("This decision was reversed", html, StringComparison.Ordinal);
        Assert.Contains("Appeal upheld", html, StringComparison.Ordinal);
        Assert.Equal([reversed.Uuid.ToString()], Uuids(onlyReversed));
    }

    [Fact]
    public async Task The_filters_find_by_advertiser_clause_category_ground_automation_and_issue_day()
    {
        var platform = await app.CreatePlatformAsync();
        var advertiserName = "Vendor " + Guid.NewGuid().ToString("N")[..8];
        var advertiserId = await app.WithDbAsync(async db =>
        {
            var advertiser = new Advertiser
            {
                PlatformId = platform.Id, ExternalId = "adv", LegalName = advertiserName + " Ltd", DisplayName = advertiserName, Country = "DE",
                RegistrationIdsJson = "[]", VerificationStatus = "verified", NameSearch = Candor.Infrastructure.SearchText.Fold(advertiserName + " Ltd " + advertiserName),
                ContentHash = "x", CreatedAt = Now, UpdatedAt = Now,
            };
            db.Advertisers.Add(advertiser);
            await db.SaveChangesAsync();
            return advertiser.Id;
        });
        var a = DecisionSeed.New(platform.Id, "f1", Now);
        a.AdvertiserId = advertiserId;
        a.ClauseId = "ads.3.2";
        a.ClauseVersion = "2026-09";
        var b = DecisionSeed.New(platform.Id, "f2", Now.AddDays(-3));
        b.Category = "STATEMENT_CATEGORY_PROTECTION_OF_MINORS";
        b.CategoryAddition = "[\"STATEMENT_CATEGORY_SCAMS_AND_FRAUD\"]";
        b.AutomatedDecision = "AUTOMATED_DECISION_FULLY";
        var c = DecisionSeed.New(platform.Id, "f3", Now.AddDays(-10));
        c.DecisionGround = "DECISION_GROUND_ILLEGAL_CONTENT";
        c.Category = "STATEMENT_CATEGORY_VIOLENCE";
        await DecisionSeed.AddManyAsync(app, [a, b, c]);
        var scope = $"platform={platform.Slug}";

        Assert.Equal([a.Uuid.ToString()], Uuids(await SearchAsync($"{scope}&advertiser={Uri.EscapeDataString(advertiserName.ToUpperInvariant())}")));
        Assert.Equal([a.Uuid.ToString()], Uuids(await SearchAsync($"{scope}&clause=ads.3")));
        Assert.Equal([a.Uuid.ToString(), b.Uuid.ToString()], Uuids(await SearchAsync($"{scope}&category=STATEMENT_CATEGORY_SCAMS_AND_FRAUD")));
        Assert.Equal([c.Uuid.ToString()], Uuids(await SearchAsync($"{scope}&ground=DECISION_GROUND_ILLEGAL_CONTENT")));
        Assert.Equal([b.Uuid.ToString()], Uuids(await SearchAsync($"{scope}&automation=AUTOMATED_DECISION_FULLY")));
        var day = (Now.AddDays(-3)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal([b.Uuid.ToString()], Uuids(await SearchAsync($"{scope}&from={day}&to={day}")));
        var problem = await (await app.Anonymous().GetAsync("/api/v1/public/decisions?category=PORN&automation=maybe")).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["automation", "category"], problem.ErrorKeys().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_cursor_pages_through_every_decision_once_newest_first()
    {
        var platform = await app.CreatePlatformAsync();
        // Two share an issue instant, so the id must break the tie.
        var decisions = Enumerable.Range(0, 5).Select(i => DecisionSeed.New(platform.Id, $"c{i}", Now.AddMinutes(i == 4 ? 3 : -i))).ToList();
        await DecisionSeed.AddManyAsync(app, decisions);

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await SearchAsync($"platform={platform.Slug}&limit=2" + (cursor is null ? "" : $"&cursor={cursor}"));
            seen.AddRange(Uuids(page));
            cursor = page["next_cursor"]?.GetValue<string>();
        } while (cursor is not null);

        var expected = decisions.OrderByDescending(d => d.IssuedAt).ThenByDescending(d => d.Id).Select(d => d.Uuid.ToString()).ToList();
        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task The_pages_list_a_decision_link_to_it_and_show_the_statement_without_javascript()
    {
        var platform = await app.CreatePlatformAsync("Pages Platform");
        var decision = DecisionSeed.New(platform.Id, "page-1", Now);
        decision.ClauseId = "page.clause." + Guid.NewGuid().ToString("N")[..6];
        await DecisionSeed.AddAsync(app, decision);

        var list = await app.Anonymous().GetStringAsync($"/decisions?clause={decision.ClauseId}");
        var detail = await app.Anonymous().GetStringAsync($"/decisions/{decision.Uuid}");
        var bad = await app.Anonymous().GetStringAsync("/decisions?ground=NOPE");
        var home = await app.Anonymous().GetStringAsync("/");

        Assert.Contains($"href=\"/decisions/{decision.Uuid}\"", list, StringComparison.Ordinal);
        Assert.Contains("1 decision", list, StringComparison.Ordinal);
        Assert.Contains("The ad claimed a 40% monthly return.", detail, StringComparison.Ordinal);
        Assert.Contains("Advertising policy 4.1", detail, StringComparison.Ordinal);
        Assert.Contains(decision.ClauseId, detail, StringComparison.Ordinal);
        Assert.Contains("Pages Platform", detail, StringComparison.Ordinal);
        Assert.Contains("Please correct the search", bad, StringComparison.Ordinal);
        Assert.Contains("href=\"/decisions\"", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_statement_received_through_the_tdb_api_is_public_at_once()
    {
        var platform = await app.CreatePlatformAsync();
        var token = await app.WithDbAsync(db => Candor.Features.Tokens.CreateToken.RunAsync(db, app.Clock, platform.Id, "tdb", null, default, "decisions:write"));
        var response = await app.WithToken(token.Token).PostAsync("/api/v1/statements",
            HttpAssertions.Json(new { statements = new[] { TdbStatements.Valid("via-api-1") } }));
        var created = await response.ReadJsonAsync(HttpStatusCode.Created);
        var uuid = created["statements"]![0]!["uuid"]!.GetValue<string>();

        var page = await SearchAsync($"platform={platform.Slug}");

        Assert.Equal([uuid], Uuids(page));
    }
}

public sealed class PublicDecisionTests_Sqlite(SqliteApp app) : PublicDecisionTests(app), IClassFixture<SqliteApp>;

public sealed class PublicDecisionTests_Postgres(PostgresApp app) : PublicDecisionTests(app), IClassFixture<PostgresApp>;

/// <summary>A statement the TDB accepts, as a platform's TDB client sends it.</summary>
public static class TdbStatements
{
    public static Dictionary<string, object> Valid(string puid) => new()
    {
        ["decision_visibility"] = new[] { "DECISION_VISIBILITY_CONTENT_REMOVED" },
        ["decision_ground"] = "DECISION_GROUND_INCOMPATIBLE_CONTENT",
        ["incompatible_content_ground"] = "Ads policy 3.2",
        ["incompatible_content_explanation"] = "Guaranteed returns are not allowed in ads.",
        ["content_type"] = new[] { "CONTENT_TYPE_IMAGE" },
        ["category"] = "STATEMENT_CATEGORY_SCAMS_AND_FRAUD",
        ["content_date"] = "2026-10-30",
        ["application_date"] = "2026-11-01",
        ["decision_facts"] = $"Statement {puid}: the ad promised a 40% monthly return.",
        ["source_type"] = "SOURCE_VOLUNTARY",
        ["automated_detection"] = "No",
        ["automated_decision"] = "AUTOMATED_DECISION_NOT_AUTOMATED",
        ["puid"] = puid,
    };
}
