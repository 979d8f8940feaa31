using System.Net;
using System.Text.Json.Nodes;
using Candor.Features.Decisions;
using Candor.Features.Jobs;
using Candor.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Candor.Tests.Decisions;

/// <summary><c>POST /api/v1/decisions</c> and the lifecycle endpoints, on a real host and database.</summary>
public abstract class IssuingTests(AppFixture app)
{
    private const string Story = "The advertiser operates using a business model that inherently conflicts with acceptable ads business practices.";

    [Fact]
    public async Task A_specific_evidence_backed_decision_is_issued_with_a_score_a_notice_link_and_an_issued_event()
    {
        var p = await DecisionPlatform.CreateAsync(app);

        var issued = await p.IssueAsync(DecisionPlatform.Body());

        Assert.Equal("issued", issued["status"]!.GetValue<string>());
        Assert.Equal("candor", issued["origin"]!.GetValue<string>());
        Assert.Equal("adv-1", issued["advertiser_id"]!.GetValue<string>());
        Assert.Equal("ad-1", issued["ad_id"]!.GetValue<string>());
        Assert.Equal("2026-09", issued["clause"]!["version"]!.GetValue<string>());
        Assert.StartsWith("candor-", issued["puid"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(issued["in_effect"]!.GetValue<bool>());
        Assert.InRange(issued["specificity_score"]!.GetValue<double>(), 0.7, 1.0);
        Assert.Equal(["issued"], issued["events"]!.AsArray().Select(e => e!["kind"]!.GetValue<string>()));
        Assert.Contains("/notices/", issued["notice_url"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("STATEMENT_CATEGORY_CONSUMER_INFORMATION", issued["statement"]!["category"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_story_line_without_evidence_is_refused_and_nothing_is_stored()
    {
        var p = await DecisionPlatform.CreateAsync(app);
        var body = DecisionPlatform.Body(facts: Story).Without("evidence");

        var problem = await (await p.PostAsync(body)).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Contains("evidence", problem.ErrorKeys());
        Assert.Equal(0, await app.WithDbAsync(db => db.Decisions.CountAsync(d => d.PlatformId == p.Platform.Id)));
    }

    [Fact]
    public async Task The_story_line_citing_evidence_only_by_marker_is_refused_as_known_boilerplate()
    {
        var p = await DecisionPlatform.CreateAsync(app);
        var body = DecisionPlatform.Body(facts: Story + " [E1]").Without("incompatible_content_explanation")
            .With("incompatible_content_explanation", "See the facts [E1].");

        var problem = await (await p.PostAsync(body)).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        var message = problem["errors"]!["decision_facts"]![0]!.GetValue<string>();
        Assert.Contains("known boilerplate", message, StringComparison.Ordinal);
        Assert.Contains("add the specific facts", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bare_text_used_for_five_other_advertisers_is_refused_for_the_sixth_until_completed_with_facts()
    {
        var p = await DecisionPlatform.CreateAsync(app);
        const string bare = "Following a review the advertiser's offers were found unsuitable for our users [E1].";
        for (var i = 2; i <= 7; i++) await p.AddAdvertiserAsync($"adv-{i}", $"Company Number {NumberWord(i)} Ltd");
        for (var i = 2; i <= 6; i++)
            await p.IssueAsync(DecisionPlatform.Body($"adv-{i}", adId: null, facts: bare));

        var refused = await (await p.PostAsync(DecisionPlatform.Body("adv-7", adId: null, facts: bare)))
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("used for 5 other subjects in the last 90 days", refused["errors"]!["decision_facts"]![0]!.GetValue<string>(), StringComparison.Ordinal);

        await p.IssueAsync(DecisionPlatform.Body("adv-7", adId: null, facts: bare + " The landing page https://seven.example/offer promised 300% returns on 2026-10-05.")
            .With("incompatible_content_explanation", "Lab report LR-2291 [E2] contradicts the claim."));
    }

    private static string NumberWord(int i) => new[] { "", "", "Two", "Three", "Four", "Five", "Six", "Seven" }[i];

    [Fact]
    public async Task TDB_rules_keep_their_field_keys_and_Candor_rules_name_their_fields()
    {
        var p = await DecisionPlatform.CreateAsync(app);
        var body = DecisionPlatform.Body(facts: "Nothing cited here at all.").Without("decision_ground").Without("clause")
            .With("evidence", new object[] { new Dictionary<string, object> { ["kind"] = "rumour", ["value"] = "x" } })
            .With("colour", "blue");

        var problem = await (await p.PostAsync(body)).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        var keys = problem.ErrorKeys();
        Assert.Contains("decision_ground", keys);
        Assert.Contains("clause", keys);
        Assert.Contains("evidence[0].kind", keys);
        Assert.Contains("colour", keys);
        Assert.Equal("The decision ground field is required.", problem["errors"]!["decision_ground"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Facts_that_cite_no_evidence_item_are_refused()
    {
        var p = await DecisionPlatform.CreateAsync(app);
        var problem = await (await p.PostAsync(DecisionPlatform.Body(facts: "On 2026-10-03 the landing page made a false claim.")))
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["decision_facts"], problem.ErrorKeys());
    }

    [Fact]
    public async Task Unknown_advertisers_and_ads_and_another_platforms_are_a_422_naming_the_field()
    {
        var p = await DecisionPlatform.CreateAsync(app);
        var other = await DecisionPlatform.CreateAsync(app);
        await other.AddAdvertiserAsync("adv-other", "Other Co", "ad-other");

        var unknown = await (await p.PostAsync(DecisionPlatform.Body("adv-other", "ad-other"))).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["ad_id", "advertiser_id"], unknown.ErrorKeys().Order(StringComparer.Ordinal));
        var noSubject = await (await p.PostAsync(DecisionPlatform.Body().Without("advertiser_id").Without("ad_id"))).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["advertiser_id"], noSubject.ErrorKeys());
    }

    [Fact]
    public async Task A_reused_puid_is_refused()
    {
        var p = await DecisionPlatform.CreateAsync(app);
        await p.IssueAsync(DecisionPlatform.Body().With("puid", "case-1"));
        var again = await (await p.PostAsync(DecisionPlatform.Body().With("puid", "case-1"))).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["puid"], again.ErrorKeys());
    }

    [Fact]
    public async Task A_draft_is_issued_later_and_cannot_be_issued_twice()
    {
        var p = await DecisionPlatform.CreateAsync(app);
        var draft = await p.IssueAsync(DecisionPlatform.Body().With("draft", true));
        Assert.Equal("draft", draft["status"]!.GetValue<string>());
        Assert.Null(draft["notice_url"]);
        var uuid = draft["uuid"]!.GetValue<string>();

        var issued = await (await p.Decisions.PostAsync($"/api/v1/decisions/{uuid}/issue", null)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("issued", issued["status"]!.GetValue<string>());
        Assert.Equal(["drafted", "issued"], issued["events"]!.AsArray().Select(e => e!["kind"]!.GetValue<string>()));
        Assert.NotNull(issued["notice_url"]);

        await (await p.Decisions.PostAsync($"/api/v1/decisions/{uuid}/issue", null)).ReadProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task An_amendment_is_a_new_decision_that_supersedes_the_old_one_with_events_on_both()
    {
        var p = await DecisionPlatform.CreateAsync(app);
        var old = await p.IssueAsync(DecisionPlatform.Body());
        var oldUuid = old["uuid"]!.GetValue<string>();

        var amended = await (await p.Decisions.PostAsync($"/api/v1/decisions/{oldUuid}/amend",
            HttpAssertions.Json(DecisionPlatform.Body().With("end_date_visibility_restriction", "2026-12-31")))).ReadJsonAsync(HttpStatusCode.Created);

        Assert.NotEqual(oldUuid, amended["uuid"]!.GetValue<string>());
        Assert.Equal("issued", amended["status"]!.GetValue<string>());
        Assert.Equal(oldUuid, amended["events"]!.AsArray().Single(e => e!["kind"]!.GetValue<string>() == "amended")!["payload"]!["supersedes"]!.GetValue<string>());
        var reread = await (await p.Decisions.GetAsync($"/api/v1/decisions/{oldUuid}")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("superseded", reread["status"]!.GetValue<string>());
        Assert.Equal("2027-01-31", reread["statement"]!["end_date_visibility_restriction"]!.GetValue<string>());
        Assert.Equal(amended["uuid"]!.GetValue<string>(),
            reread["events"]!.AsArray().Single(e => e!["kind"]!.GetValue<string>() == "superseded")!["payload"]!["superseded_by"]!.GetValue<string>());

        await (await p.Decisions.PostAsync($"/api/v1/decisions/{oldUuid}/amend", HttpAssertions.Json(DecisionPlatform.Body())))
            .ReadProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_reversal_needs_a_reason_and_is_recorded()
    {
        var p = await DecisionPlatform.CreateAsync(app);
        var uuid = (await p.IssueAsync(DecisionPlatform.Body()))["uuid"]!.GetValue<string>();

        await (await p.Decisions.PostAsync($"/api/v1/decisions/{uuid}/reverse", HttpAssertions.Json(new { reason = " " })))
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        var reversed = await (await p.Decisions.PostAsync($"/api/v1/decisions/{uuid}/reverse",
            HttpAssertions.Json(new { reason = "The lab report was for another product line." }))).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal("reversed", reversed["status"]!.GetValue<string>());
        Assert.False(reversed["in_effect"]!.GetValue<bool>());
        Assert.Equal("The lab report was for another product line.",
            reversed["events"]!.AsArray().Single(e => e!["kind"]!.GetValue<string>() == "reversed")!["payload"]!["reason"]!.GetValue<string>());
        await (await p.Decisions.PostAsync($"/api/v1/decisions/{uuid}/reverse", HttpAssertions.Json(new { reason = "again" })))
            .ReadProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_decision_effective_later_takes_effect_through_the_job_queue()
    {
        var p = await DecisionPlatform.CreateAsync(app);
        var at = app.Clock.GetUtcNow().AddDays(2);
        var issued = await p.IssueAsync(DecisionPlatform.Body().With("effective_at", at.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.False(issued["in_effect"]!.GetValue<bool>());
        var uuid = issued["uuid"]!.GetValue<string>();
        var runner = app.Services.GetRequiredService<JobRunner>();

        await runner.RunUntilIdleAsync(default);
        Assert.DoesNotContain("took-effect", await EventKindsAsync(p, uuid));
        app.Clock.Advance(TimeSpan.FromDays(2));
        await runner.RunUntilIdleAsync(default);
        await Eventually(async () => (await EventKindsAsync(p, uuid)).Contains("took-effect"));

        var now = await (await p.Decisions.GetAsync($"/api/v1/decisions/{uuid}")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.True(now["in_effect"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Another_platform_cannot_read_or_act_on_a_decision_and_an_ingest_token_cannot_write_one()
    {
        var p = await DecisionPlatform.CreateAsync(app);
        var other = await DecisionPlatform.CreateAsync(app);
        var uuid = (await p.IssueAsync(DecisionPlatform.Body()))["uuid"]!.GetValue<string>();

        await (await other.Decisions.GetAsync($"/api/v1/decisions/{uuid}")).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await other.Decisions.PostAsync($"/api/v1/decisions/{uuid}/reverse", HttpAssertions.Json(new { reason = "mine now" })))
            .ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty((await (await other.Decisions.GetAsync("/api/v1/decisions")).ReadJsonAsync(HttpStatusCode.OK))["decisions"]!.AsArray());
        Assert.Equal(HttpStatusCode.Forbidden, (await p.Platform.Client.PostAsync("/api/v1/decisions", HttpAssertions.Json(DecisionPlatform.Body()))).StatusCode);
    }

    [Fact]
    public async Task The_list_pages_through_the_platforms_decisions_newest_first()
    {
        var p = await DecisionPlatform.CreateAsync(app);
        var uuids = new List<string>();
        for (var i = 0; i < 3; i++) uuids.Add((await p.IssueAsync(DecisionPlatform.Body().With("draft", true)))["uuid"]!.GetValue<string>());

        var first = await (await p.Decisions.GetAsync("/api/v1/decisions?limit=2")).ReadJsonAsync(HttpStatusCode.OK);
        var next = first["next_cursor"]!.GetValue<string>();
        var second = await (await p.Decisions.GetAsync($"/api/v1/decisions?limit=2&cursor={next}")).ReadJsonAsync(HttpStatusCode.OK);

        var seen = first["decisions"]!.AsArray().Concat(second["decisions"]!.AsArray()).Select(d => d!["uuid"]!.GetValue<string>());
        Assert.Equal(Enumerable.Reverse(uuids), seen);
        Assert.Null(second["next_cursor"]);
    }

    [Fact]
    public async Task The_notice_page_opens_with_its_link_token_only()
    {
        var p = await DecisionPlatform.CreateAsync(app);
        var issued = await p.IssueAsync(DecisionPlatform.Body());
        var url = new Uri(issued["notice_url"]!.GetValue<string>());
        var client = app.Anonymous();

        var page = await client.GetStringAsync(url.PathAndQuery);
        Assert.Contains("lab report LR-2291", page, StringComparison.Ordinal);
        var appealUntil = DateOnly.FromDateTime(DateTime.Parse(issued["issued_at"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AdjustToUniversal).AddMonths(6));
        Assert.Contains($"Appeal until {appealUntil:yyyy-MM-dd}", page, StringComparison.Ordinal);
        // No catalogue on this platform: the clause is a free reference, named but not linked (a link would lead nowhere).
        Assert.Contains("clause ads-4.2, version 2026-09 (not in a published catalogue)", page, StringComparison.Ordinal);
        Assert.DoesNotContain("/policies/ads-4.2", page, StringComparison.Ordinal);
        Assert.Contains("until 2027-01-31", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url.AbsolutePath)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url.AbsolutePath + "?t=cnd_" + new string('A', 43))).StatusCode);
    }

    [Fact]
    public async Task Statements_received_through_the_TDB_API_are_accepted_and_scored()
    {
        var p = await DecisionPlatform.CreateAsync(app);
        var statement = DecisionPlatform.Body(facts: Story).Without("advertiser_id").Without("ad_id").Without("clause").Without("evidence").With("puid", "tdb-1");

        var created = await (await p.Decisions.PostAsync("/api/v1/statement", HttpAssertions.Json(statement))).ReadJsonAsync(HttpStatusCode.Created);

        var stored = await app.WithDbAsync(db => db.Decisions.AsNoTracking().SingleAsync(d => d.Uuid == Guid.Parse(created["uuid"]!.GetValue<string>())));
        Assert.InRange(stored.SpecificityScore!.Value, 0.01, 0.3);
        Assert.NotNull(stored.FactsFingerprint);
    }

    private static async Task<List<string>> EventKindsAsync(DecisionPlatform p, string uuid) =>
        (await (await p.Decisions.GetAsync($"/api/v1/decisions/{uuid}")).ReadJsonAsync(HttpStatusCode.OK))["events"]!.AsArray()
        .Select(e => e!["kind"]!.GetValue<string>()).ToList();

    internal static async Task Eventually(Func<Task<bool>> condition, Func<Task<string>>? describe = null)
    {
        for (var i = 0; i < 100; i++)
        {
            if (await condition()) return;
            await Task.Delay(100);
        }
        Assert.Fail("the condition did not hold within 10 s" + (describe is null ? "" : ": " + await describe()));
    }
}

public sealed class IssuingTests_Sqlite(SqliteApp app) : IssuingTests(app), IClassFixture<SqliteApp>;

public sealed class IssuingTests_Postgres(PostgresApp app) : IssuingTests(app), IClassFixture<PostgresApp>;
