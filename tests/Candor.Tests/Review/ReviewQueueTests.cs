using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Candor.Features.Identity;
using Candor.Features.Review;
using Candor.Features.Tokens;
using Candor.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Candor.Tests.Review;

/// <summary>The review queue over HTTP as a browser and an API client use it, on a real host and database.</summary>
public abstract partial class ReviewQueueTests(AppFixture app)
{
    private const string GoodReason = "The word casino is the name of the Casino Road outlet in the address, not gambling.";

    private sealed record Setup(TestPlatform Platform, string PolicyId, string ClauseId)
    {
        public string Id => Platform.Id.ToString(CultureInfo.InvariantCulture);
    }

    private static string NewPolicyId() => "RV" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    /// <summary>A platform with the gambling policy, advertiser adv-1, and one ad per title; nothing raised yet.</summary>
    private async Task<Setup> SetupAsync(params string[] titles)
    {
        var platform = await app.CreatePlatformAsync();
        var policyId = NewPolicyId();
        // Ingested before the policy exists and evaluated synchronously (no queued job left to run later), so the only
        // items are the ones each test raises itself, with the priority and age it chooses.
        (await platform.Client.PostJsonAsync("/api/v1/advertisers?evaluate=sync", new[] { SampleRecords.Advertiser("adv-1") })).EnsureSuccessStatusCode();
        var ads = titles.Select((t, i) => SampleRecords.Ad($"ad-{i + 1}", "adv-1", t)).ToArray();
        if (ads.Length > 0) (await platform.Client.PostJsonAsync("/api/v1/ads?evaluate=sync", ads)).EnsureSuccessStatusCode();
        await app.WithDbAsync(db => ReviewSeed.ImportAsync(db, app.Clock, platform.Id, ReviewSeed.Policy(policyId)));
        return new Setup(platform, policyId, policyId + ".1");
    }

    private Task<long> RaiseAsync(Setup s, string adId, int priority = 0, TimeSpan? ago = null) =>
        app.WithDbAsync(async db => (await ReviewSeed.RaiseAsync(db, app.Clock.GetUtcNow() - (ago ?? TimeSpan.Zero), s.Platform.Id, adId, priority)).Single());

    /// <summary>Posts an item's form; the antiforgery token comes from a page every person has, as the item page shows no form to someone who may not act.</summary>
    private static async Task<HttpResponseMessage> ActAsync(SignedInPerson person, Setup s, long item, string handler, string? reason = null)
    {
        var fields = new Dictionary<string, string>
        {
            ["platform"] = s.Id, ["__RequestVerificationToken"] = await ConsoleForms.AntiforgeryTokenAsync(person.Browser, "/console/sign-out"),
        };
        if (reason is not null) fields["Reason"] = reason;
        return await person.Browser.PostAsync($"/console/review/{item}?handler={handler}", new FormUrlEncodedContent(fields));
    }

    private Task<ReviewItem> ItemAsync(long id) => app.WithDbAsync(db => db.ReviewItems.AsNoTracking().SingleAsync(r => r.Id == id));

    [Fact]
    public async Task The_queue_lists_open_items_by_priority_then_age_with_subject_clause_rules_and_filters()
    {
        var s = await SetupAsync("Casino nights in Berlin", "Casino weekend", "Casino bonus", "Lottery tickets");
        var old = await RaiseAsync(s, "ad-1", priority: 0, ago: TimeSpan.FromHours(2));
        var urgent = await RaiseAsync(s, "ad-2", priority: 5, ago: TimeSpan.FromHours(1));
        var oldest = await RaiseAsync(s, "ad-3", priority: 0, ago: TimeSpan.FromHours(3));
        var lotteryPolicy = NewPolicyId();
        await app.WithDbAsync(db => ReviewSeed.ImportAsync(db, app.Clock, s.Platform.Id, ReviewSeed.Policy(lotteryPolicy, term: "lottery")));
        var lottery = await RaiseAsync(s, "ad-4");
        var reviewer = await app.SignedInAsync(Roles.Reviewer, s.Platform.Id);

        var page = await reviewer.Browser.GetStringAsync($"/console/review?platform={s.Id}");
        Assert.Equal([urgent, oldest, old, lottery], ItemLinks(page));
        Assert.Contains("Casino weekend", page, StringComparison.Ordinal);
        Assert.Contains($"{s.ClauseId}-R1", page, StringComparison.Ordinal);
        Assert.Contains("Acme Outdoor GmbH (adv-1)", page, StringComparison.Ordinal);
        Assert.Contains("2 h 0 min", page, StringComparison.Ordinal);
        var filtered = await reviewer.Browser.GetStringAsync($"/console/review?platform={s.Id}&clause={lotteryPolicy}.1");
        Assert.Equal([lottery], ItemLinks(filtered));

        var readOnly = await app.WithDbAsync(db => CreateToken.RunAsync(db, app.Clock, s.Platform.Id, "ro", null, default, ReviewRegistration.ReadScope));
        var api = app.WithToken(readOnly.Token);
        var list = await (await api.GetAsync("/api/v1/review-items?limit=2")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal([urgent, oldest], list["items"]!.AsArray().Select(i => i!["id"]!.GetValue<long>()));
        var next = await (await api.GetAsync($"/api/v1/review-items?limit=2&cursor={Uri.EscapeDataString(list["next_cursor"]!.GetValue<string>())}"))
            .ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal([old, lottery], next["items"]!.AsArray().Select(i => i!["id"]!.GetValue<long>()));
        Assert.Null(next["next_cursor"]);
        var item = await (await api.GetAsync($"/api/v1/review-items/{urgent}")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(s.ClauseId, item["item"]!["clause_id"]!.GetValue<string>());
        Assert.Equal("Casino weekend", item["subject"]!["ad_title"]!.GetValue<string>());
        var tree = item["hits"]![0]!["tree"]!;
        Assert.Equal("text_contains", tree["predicate"]!.GetValue<string>());
        Assert.True(tree["result"]!.GetValue<bool>());
        Assert.Contains("casino", tree["values"]![0]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        await (await api.GetAsync("/api/v1/review-items?state=nonsense")).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.Forbidden, (await s.Platform.Client.GetAsync("/api/v1/review-items")).StatusCode);
    }

    [Fact]
    public async Task The_item_page_shows_the_subject_the_tree_and_the_clause_with_its_version_link()
    {
        var s = await SetupAsync("Casino nights in Berlin");
        var id = await RaiseAsync(s, "ad-1");
        var reviewer = await app.SignedInAsync(Roles.Reviewer, s.Platform.Id);

        var page = await reviewer.Browser.GetStringAsync($"/console/review/{id}?platform={s.Id}");

        Assert.Contains("Casino nights in Berlin", page, StringComparison.Ordinal);
        Assert.Contains("<code class=\"predicate\">text_contains</code>", page, StringComparison.Ordinal);
        Assert.Contains("saw title: &quot;casino&quot;", page, StringComparison.Ordinal);
        Assert.Contains("<li class=\"explanation true\">", page, StringComparison.Ordinal);
        Assert.Contains("<strong>gambling</strong>", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"/policies/{s.PolicyId}/v/1#{s.ClauseId}\"", page, StringComparison.Ordinal);
        Assert.Contains("Nobody holds this item.", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Of_two_reviewers_claiming_at_once_exactly_one_gets_the_item_every_time()
    {
        var s = await SetupAsync("Casino 1", "Casino 2", "Casino 3", "Casino 4", "Casino 5");
        var items = new List<long>();
        for (var i = 1; i <= 5; i++) items.Add(await RaiseAsync(s, $"ad-{i}"));
        var first = await app.SignedInAsync(Roles.Reviewer, s.Platform.Id);
        var second = await app.SignedInAsync(Roles.SeniorReviewer, s.Platform.Id);
        var options = app.Services.GetRequiredService<ReviewOptions>();

        foreach (var item in items)
        {
            var outcomes = await Task.WhenAll(new[] { first, second }.Select(person => Task.Run(() => app.WithDbAsync(db =>
                ReviewActions.ClaimAsync(db, app.Clock, options, s.Platform.Id, item, person.Id, "user:" + person.Id, null, default)))));
            Assert.Single(outcomes, o => o.Succeeded);
            Assert.Single(outcomes, o => o.Result == ReviewActionResult.HeldByOther);
            var stored = await ItemAsync(item);
            var winner = outcomes[0].Succeeded ? first : second;
            Assert.Equal(winner.Id, stored.ClaimedByUserId);
        }

        // Over HTTP, the loser sees who holds it and is answered 409.
        var held = await ItemAsync(items[0]);
        var loser = held.ClaimedByUserId == first.Id ? second : first;
        var winnerEmail = held.ClaimedByUserId == first.Id ? first.Email : second.Email;
        var refused = await ActAsync(loser, s, items[0], "claim");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains($"Claimed by {winnerEmail}", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(held.ClaimedByUserId, (await ItemAsync(items[0])).ClaimedByUserId);
    }

    [Fact]
    public async Task An_expired_claim_can_be_taken_and_then_only_the_new_holder_can_act()
    {
        var s = await SetupAsync("Casino tonight");
        var id = await RaiseAsync(s, "ad-1");
        var first = await app.SignedInAsync(Roles.Reviewer, s.Platform.Id);
        var second = await app.SignedInAsync(Roles.Reviewer, s.Platform.Id);

        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(first, s, id, "claim")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await ActAsync(second, s, id, "claim")).StatusCode);
        app.Clock.Advance(TimeSpan.FromMinutes(31));
        Assert.Contains("Nobody holds this item.", await second.Browser.GetStringAsync($"/console/review/{id}?platform={s.Id}"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(second, s, id, "claim")).StatusCode);

        Assert.Equal(HttpStatusCode.Conflict, (await ActAsync(first, s, id, "dismiss", GoodReason)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await ActAsync(first, s, id, "release")).StatusCode);
        Assert.Equal(second.Id, (await ItemAsync(id)).ClaimedByUserId);
        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(second, s, id, "release")).StatusCode);
        Assert.Null((await ItemAsync(id)).ClaimedByUserId);
    }

    [Fact]
    public async Task Dismissing_needs_the_claim_and_a_specific_reason_and_is_recorded()
    {
        var s = await SetupAsync("Casino Road outlet sale");
        var id = await RaiseAsync(s, "ad-1");
        var holder = await app.SignedInAsync(Roles.Reviewer, s.Platform.Id);
        var other = await app.SignedInAsync(Roles.Reviewer, s.Platform.Id);

        Assert.Equal(HttpStatusCode.Conflict, (await ActAsync(holder, s, id, "dismiss", GoodReason)).StatusCode); // not claimed yet
        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(holder, s, id, "claim")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await ActAsync(other, s, id, "dismiss", GoodReason)).StatusCode);
        var empty = await ActAsync(holder, s, id, "dismiss", "  ");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.StatusCode);
        Assert.Contains("A reason is required", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await ActAsync(holder, s, id, "dismiss", "False positive.")).StatusCode);
        Assert.Equal(ReviewStates.Open, (await ItemAsync(id)).State);

        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(holder, s, id, "dismiss", GoodReason)).StatusCode);

        var item = await ItemAsync(id);
        Assert.Equal(ReviewStates.Dismissed, item.State);
        Assert.Equal(GoodReason, item.DismissReason);
        Assert.Equal(holder.Id, item.ClosedByUserId);
        Assert.Equal(app.Clock.GetUtcNow(), item.ClosedAt);
        Assert.Empty(ItemLinks(await holder.Browser.GetStringAsync($"/console/review?platform={s.Id}")));
        Assert.Contains(GoodReason, await other.Browser.GetStringAsync($"/console/review/{id}?platform={s.Id}"), StringComparison.Ordinal);
        var audit = await app.WithDbAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.PlatformId == s.Platform.Id && e.Subject == $"review-item {id}")
            .OrderBy(e => e.Id).Select(e => new { e.Action, e.Actor, e.Detail }).ToListAsync());
        Assert.Equal([ReviewActions.ClaimAction, ReviewActions.DismissAction], audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.Equal($"user:{holder.Id}", a.Actor));
        Assert.Equal(GoodReason, audit[1].Detail);
        Assert.Equal(HttpStatusCode.Conflict, (await ActAsync(holder, s, id, "claim")).StatusCode); // closed for good
    }

    [Fact]
    public async Task The_holder_opens_a_prefilled_draft_issues_it_and_the_item_is_decided()
    {
        var s = await SetupAsync("Casino nights in Berlin");
        var id = await RaiseAsync(s, "ad-1");
        var reviewer = await app.SignedInAsync(Roles.Reviewer, s.Platform.Id);
        var other = await app.SignedInAsync(Roles.Reviewer, s.Platform.Id);
        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(reviewer, s, id, "claim")).StatusCode);
        Assert.Contains("id=\"open-draft\"", await reviewer.Browser.GetStringAsync($"/console/review/{id}?platform={s.Id}"), StringComparison.Ordinal);

        var draftPath = $"/console/decisions/new?platform={s.Id}&reviewItem={id}";
        var fields = HtmlForm.Fields(await reviewer.Browser.GetStringAsync(draftPath));
        Assert.Equal("adv-1", fields["Form.AdvertiserId"]);
        Assert.Equal("ad-1", fields["Form.AdId"]);
        Assert.Equal(s.ClauseId, fields["Form.ClauseId"]);
        Assert.Equal("1", fields["Form.ClauseVersion"]);
        Assert.Equal("title: \"casino\"", fields["Form.Evidence[0].Value"]);
        Assert.Equal("ad_content", fields["Form.Evidence[0].Kind"]);
        Assert.Contains("[E1]", fields["Form.Facts"], StringComparison.Ordinal);
        Assert.Equal("DECISION_VISIBILITY_CONTENT_REMOVED", fields["Form.Visibility"]);
        Assert.Equal(id.ToString(CultureInfo.InvariantCulture), fields["reviewItem"]);

        // Someone without the claim cannot decide it from the same form.
        var theirs = HtmlForm.Fields(await other.Browser.GetStringAsync(draftPath));
        var refused = await other.Browser.PostAsync("/console/decisions/new?handler=issue", new FormUrlEncodedContent(theirs));
        Assert.Contains($"Claimed by {reviewer.Email}", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Decisions.CountAsync(d => d.PlatformId == s.Platform.Id)));

        fields["Form.Facts"] = "On 2026-11-02 the title of ad ad-1 advertised \"Casino nights in Berlin\" [E1]; the advertiser holds no gambling licence for DE.";
        var issued = await reviewer.Browser.PostAsync("/console/decisions/new?handler=issue", new FormUrlEncodedContent(fields));
        var body = await issued.Content.ReadAsStringAsync();
        Assert.True(issued.StatusCode == HttpStatusCode.Redirect, body);

        var item = await ItemAsync(id);
        var decision = await app.WithDbAsync(db => db.Decisions.AsNoTracking().SingleAsync(d => d.PlatformId == s.Platform.Id));
        Assert.Equal(ReviewStates.Decided, item.State);
        Assert.Equal(decision.Id, item.DecisionId);
        Assert.Equal(reviewer.Id, item.ClosedByUserId);
        Assert.Equal(s.ClauseId, decision.ClauseId);
        Assert.Equal("1", decision.ClauseVersion);
        Assert.Contains("casino", decision.EvidenceJson, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(ItemLinks(await reviewer.Browser.GetStringAsync($"/console/review?platform={s.Id}")));
        Assert.Contains($"decision {decision.Uuid}", await reviewer.Browser.GetStringAsync($"/console/review/{id}?platform={s.Id}"), StringComparison.Ordinal);
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == ReviewActions.DecidedAction && e.Subject == $"review-item {id}")));
    }

    [Fact]
    public async Task An_auditor_reads_without_acting_and_nobody_reaches_another_platforms_items()
    {
        var s = await SetupAsync("Casino nights");
        var id = await RaiseAsync(s, "ad-1");
        var b = await SetupAsync("Casino elsewhere");
        var idOfB = await RaiseAsync(b, "ad-1");
        var auditor = await app.SignedInAsync(Roles.Auditor, s.Platform.Id);
        var editor = await app.SignedInAsync(Roles.PolicyEditor, s.Platform.Id);
        var reviewer = await app.SignedInAsync(Roles.Reviewer, s.Platform.Id);

        var page = await auditor.Browser.GetStringAsync($"/console/review/{id}?platform={s.Id}");
        Assert.Contains("text_contains", page, StringComparison.Ordinal);
        Assert.DoesNotContain(">Claim<", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await ActAsync(auditor, s, id, "claim")).StatusCode);
        Assert.Null((await ItemAsync(id)).ClaimedByUserId);
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.Browser.GetAsync($"/console/review?platform={s.Id}")).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await reviewer.Browser.GetAsync($"/console/review/{idOfB}?platform={s.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ActAsync(reviewer, s, idOfB, "claim")).StatusCode);
        Assert.Null((await ItemAsync(idOfB)).ClaimedByUserId);
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.Browser.GetAsync($"/console/review?platform={b.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reviewer.Browser.GetAsync($"/console/decisions/new?platform={s.Id}&reviewItem={idOfB}")).StatusCode);
        var readOnly = await app.WithDbAsync(db => CreateToken.RunAsync(db, app.Clock, s.Platform.Id, "ro", null, default, ReviewRegistration.ReadScope));
        await (await app.WithToken(readOnly.Token).GetAsync($"/api/v1/review-items/{idOfB}")).ReadProblemAsync(HttpStatusCode.NotFound);
        var list = await (await app.WithToken(readOnly.Token).GetAsync("/api/v1/review-items?state=all")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal([id], list["items"]!.AsArray().Select(i => i!["id"]!.GetValue<long>()));
    }

    private static List<long> ItemLinks(string html) =>
        ItemLink().Matches(html).Select(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();

    [GeneratedRegex("<td><a href=\"/console/review/(\\d+)\\?")]
    private static partial Regex ItemLink();
}

public sealed class ReviewQueueTests_Sqlite(SqliteApp app) : ReviewQueueTests(app), IClassFixture<SqliteApp>;

public sealed class ReviewQueueTests_Postgres(PostgresApp app) : ReviewQueueTests(app), IClassFixture<PostgresApp>;
