using System.Net;
using System.Text.Json.Nodes;
using Candor.Features.Audit;
using Candor.Features.Identity;
using Candor.Features.Jobs;
using Candor.Features.Screening;
using Candor.Features.Screening.Storage;
using Candor.Features.Screening.Vetting;
using Candor.Features.Tokens;
using Candor.Tests.Infrastructure;
using Candor.Tests.Screening.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Candor.Tests.Screening.Vetting;

/// <summary>
/// Reviewing findings through the API and the console pages, and withdrawing a whole list, over a real database. The
/// host's job runner is off so each test runs the screening jobs when it wants them done.
/// </summary>
public abstract class FindingsTests(AppFixture app)
{
    private JobRunner Runner() => new(
        app.Services.GetRequiredService<IServiceScopeFactory>(),
        [new JobHandlerType(ScreeningJobs.ScreenAdvertisersKind, typeof(ScreenAdvertisersJob)), new JobHandlerType(ScreeningJobs.RescreenAllKind, typeof(RescreenAllJob))],
        new JobsOptions { LeaseDuration = TimeSpan.FromSeconds(30) }, NullLogger<JobRunner>.Instance);

    private sealed record Setup(TestPlatform Platform, string Slug, HttpClient Screen, HttpClient ReadOnly);

    /// <summary>A platform whose advertisers match a fresh list; the screening jobs have run.</summary>
    private async Task<Setup> ScreenedAsync(string[] rows, params (string Id, string LegalName)[] advertisers)
    {
        var slug = ScreeningLists.NewSlug();
        await ScreeningLists.ImportAsync(app, ScreeningLists.Custom(rows), slug);
        var platform = await app.CreatePlatformAsync();
        var response = await platform.Client.PostJsonAsync("/api/v1/advertisers",
            advertisers.Select(a => new { id = a.Id, legal_name = a.LegalName, country = "CN" }).ToArray());
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        await Runner().RunUntilIdleAsync(CancellationToken.None);
        var screen = await app.WithDbAsync(db => CreateToken.RunAsync(db, app.Clock, platform.Id, "screen", null, default, "screen"));
        var readOnly = await app.WithDbAsync(db => CreateToken.RunAsync(db, app.Clock, platform.Id, "ro", null, default, "read:private"));
        return new Setup(platform, slug, app.WithToken(screen.Token), app.WithToken(readOnly.Token));
    }

    /// <summary>The setup's findings on its own list (lists are instance-wide, so other tests' lists match these names too).</summary>
    private Task<List<ScreeningFinding>> FindingsAsync(Setup s) =>
        app.WithDbAsync(db => db.ScreeningFindings.AsNoTracking().Where(f => f.PlatformId == s.Platform.Id && f.ListSlug == s.Slug).OrderBy(f => f.Id).ToListAsync());

    private static async Task<JsonArray> ListAsync(HttpClient client, string query = "") =>
        (await (await client.GetAsync("/api/v1/screening/findings" + query)).ReadJsonAsync(HttpStatusCode.OK))["findings"]!.AsArray();

    [Fact]
    public async Task The_list_is_ordered_by_score_then_age_and_filters_by_state_and_list()
    {
        var s = await ScreenedAsync([ScreeningLists.HuaweiRow], ("h1", "Huawei Technologies Company"));
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        (await s.Platform.Client.PostJsonAsync("/api/v1/advertisers", new[]
        {
            new { id = "h2", legal_name = "Huawei Technologies Company", country = "CN" },
            new { id = "h3", legal_name = "Huawei Technologes Company", country = "DE" },
        })).EnsureSuccessStatusCode();
        await Runner().RunUntilIdleAsync(CancellationToken.None);

        var all = await ListAsync(s.ReadOnly, $"?list={s.Slug}");

        Assert.Equal(["h1", "h2", "h3"], all.Select(f => f!["advertiser_id"]!.GetValue<string>()));
        var scores = all.Select(f => f!["score"]!.GetValue<double>()).ToList();
        Assert.Equal(scores.OrderDescending(), scores);
        Assert.True(scores[2] < scores[1]);
        var firstPage = (await (await s.ReadOnly.GetAsync($"/api/v1/screening/findings?list={s.Slug}&limit=2")).ReadJsonAsync(HttpStatusCode.OK));
        var cursor = firstPage["next_cursor"]!.GetValue<string>();
        Assert.Equal(["h3"], (await ListAsync(s.ReadOnly, $"?list={s.Slug}&limit=2&cursor={cursor}")).Select(f => f!["advertiser_id"]!.GetValue<string>()));
        Assert.Empty(await ListAsync(s.ReadOnly, $"?list={s.Slug}&state=cleared"));
        Assert.Empty(await ListAsync(s.ReadOnly, "?list=no-such-list"));
        var bad = await (await s.ReadOnly.GetAsync("/api/v1/screening/findings?state=maybe&cursor=x")).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["cursor", "state"], bad.ErrorKeys().Order());
    }

    [Fact]
    public async Task A_finding_shows_the_entry_and_the_explanation_and_is_cleared_with_a_reason_and_audited()
    {
        var s = await ScreenedAsync([ScreeningLists.ZteRow], ("z", "ZTE Corporation"));
        var id = (await FindingsAsync(s)).Single().Id;

        var detail = await (await s.ReadOnly.GetAsync($"/api/v1/screening/findings/{id}")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(("fcc-2", "open"), (detail["finding"]!["source_id"]!.GetValue<string>(), detail["finding"]!["state"]!.GetValue<string>()));
        Assert.Equal("https://www.fcc.gov/x", detail["entry"]!["source_url"]!.GetValue<string>());
        Assert.Contains("\"zte\"", detail["explanation"]!["tokens"]!.ToJsonString(), StringComparison.OrdinalIgnoreCase);

        var noReason = await s.Screen.PostJsonAsync($"/api/v1/screening/findings/{id}/clear", new { reason = "  " });
        Assert.Equal(["reason"], (await noReason.ReadProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorKeys());
        Assert.Equal(HttpStatusCode.Forbidden, (await s.ReadOnly.PostJsonAsync($"/api/v1/screening/findings/{id}/clear", new { reason = "x" })).StatusCode);

        var cleared = await (await s.Screen.PostJsonAsync($"/api/v1/screening/findings/{id}/clear", new { reason = "A US reseller, not ZTE itself" }))
            .ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("cleared", cleared["finding"]!["state"]!.GetValue<string>());
        Assert.Equal("A US reseller, not ZTE itself", cleared["finding"]!["review"]!["reason"]!.GetValue<string>());
        await (await s.Screen.PostJsonAsync($"/api/v1/screening/findings/{id}/confirm", new { reason = "changed my mind" })).ReadProblemAsync(HttpStatusCode.Conflict);
        var audit = await app.WithDbAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.Subject == $"screening-finding:{id}").ToListAsync());
        var entry = Assert.Single(audit);
        Assert.Equal(("screening.finding.cleared", s.Platform.Id), (entry.Action, entry.PlatformId));
        Assert.StartsWith("token:", entry.Actor, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_platforms_finding_is_not_found()
    {
        var a = await ScreenedAsync([ScreeningLists.ZteRow], ("z", "ZTE Corporation"));
        var b = await ScreenedAsync([ScreeningLists.HuaweiRow], ("h", "Huawei Technologies Company"));
        var idOfA = (await FindingsAsync(a)).Single().Id;

        await (await b.ReadOnly.GetAsync($"/api/v1/screening/findings/{idOfA}")).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await b.Screen.PostJsonAsync($"/api/v1/screening/findings/{idOfA}/clear", new { reason = "x" })).ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.DoesNotContain(await ListAsync(b.ReadOnly, "?state=all"), f => f!["id"]!.GetValue<long>() == idOfA);
        Assert.Equal(FindingStates.Open, (await FindingsAsync(a)).Single().State);
    }

    [Fact]
    public async Task A_cleared_finding_stays_cleared_on_rescreening_until_its_entry_changes()
    {
        var s = await ScreenedAsync([ScreeningLists.ZteRow], ("z", "ZTE Corporation"));
        var id = (await FindingsAsync(s)).Single().Id;
        (await s.Screen.PostJsonAsync($"/api/v1/screening/findings/{id}/clear", new { reason = "not them" })).EnsureSuccessStatusCode();

        // A new snapshot where only another entry is new: the ZTE entry is the same, so the review holds.
        await ScreeningLists.ImportAsync(app, ScreeningLists.Custom(ScreeningLists.ZteRow, ScreeningLists.HuaweiRow), s.Slug);
        await Runner().RunUntilIdleAsync(CancellationToken.None);
        Assert.Equal(FindingStates.Cleared, (await FindingsAsync(s)).Single().State);

        // The ZTE entry gains an alias: the reviewer cleared something else, so it is theirs to look at again.
        app.Clock.Advance(TimeSpan.FromHours(1));
        await ScreeningLists.ImportAsync(app, ScreeningLists.Custom(ScreeningLists.ZteRow.Replace("ZTE,organization", "ZTE;Zhongxing,organization", StringComparison.Ordinal)), s.Slug);
        await Runner().RunUntilIdleAsync(CancellationToken.None);
        var reopened = (await FindingsAsync(s)).Single();
        Assert.Equal((FindingStates.Open, app.Clock.GetUtcNow(), "not them"), (reopened.State, reopened.ReopenedAt, reopened.ReviewReason));
    }

    [Fact]
    public async Task Withdrawing_a_list_delists_its_findings_drops_it_from_the_index_and_keeps_history()
    {
        var s = await ScreenedAsync([ScreeningLists.ZteRow, ScreeningLists.HuaweiRow], ("z", "ZTE Corporation"), ("h", "Huawei Technologies Company"));
        var ids = (await FindingsAsync(s)).Select(f => f.Id).ToList();
        (await s.Screen.PostJsonAsync($"/api/v1/screening/findings/{ids[0]}/confirm", new { reason = "the listed party" })).EnsureSuccessStatusCode();
        var holder = app.Services.GetRequiredService<ScreeningIndexHolder>();
        var before = await holder.RefreshAsync(default);
        app.Clock.Advance(TimeSpan.FromDays(1));

        var removed = await app.WithDbAsync(db => RemoveList.RunAsync(db, app.Clock, s.Slug, "Directive rescinded", default));

        var delistedEverywhere = await app.WithDbAsync(db => db.ScreeningFindings.CountAsync(f => f.ListSlug == s.Slug && f.State == FindingStates.Delisted));
        Assert.Equal(delistedEverywhere, removed.DelistedFindings);
        Assert.True(removed.DelistedFindings >= 2);
        var findings = await FindingsAsync(s);
        Assert.All(findings, f => Assert.Equal((FindingStates.Delisted, app.Clock.GetUtcNow(), removed.WithdrawnSnapshotId), (f.State, f.DelistedAt, f.SnapshotId)));
        var after = await holder.RefreshAsync(default);
        Assert.NotNull(before.SnapshotOf(s.Slug));
        Assert.Null(after.SnapshotOf(s.Slug));
        Assert.DoesNotContain(after.Index.Search(new(Name: "ZTE Corporation")).Matches, m => m.List == s.Slug);
        var snapshots = await app.WithDbAsync(db => ListSnapshots.RunAsync(db, default));
        Assert.Equal([(SnapshotStates.Withdrawn, false), (SnapshotStates.Complete, false)],
            snapshots.Where(x => x.List == s.Slug).Select(x => (x.State, x.Current)));

        // A rescreen with an index built before the withdrawal (a node that has not polled yet) brings nothing back.
        var advertiserIds = findings.Select(f => f.AdvertiserId).Distinct().ToList();
        await app.WithDbAsync(db => AdvertiserScreening.ScreenAsync(db, app.Clock, before, advertiserIds, default));
        Assert.All(await FindingsAsync(s), f => Assert.Equal(FindingStates.Delisted, f.State));
        await Assert.ThrowsAsync<Candor.Cli.CliException>(() => app.WithDbAsync(db => RemoveList.RunAsync(db, app.Clock, s.Slug, "again", default)));

        // Importing the list again makes it current again and reopens what matches.
        await ScreeningLists.ImportAsync(app, ScreeningLists.Custom(ScreeningLists.ZteRow), s.Slug);
        await Runner().RunUntilIdleAsync(CancellationToken.None);
        Assert.Equal([("fcc-1", FindingStates.Delisted), ("fcc-2", FindingStates.Open)],
            (await FindingsAsync(s)).Select(f => (f.SourceId, f.State)).Order());
        var audit = await app.WithDbAsync(db => db.AuditEvents.AsNoTracking().SingleAsync(e => e.Action == "screening.list.withdrawn" && e.Subject == "list:" + s.Slug));
        Assert.Contains("Directive rescinded", audit.Detail, StringComparison.Ordinal);
    }

    private async Task<(SignedInPerson Reviewer, Setup Setup, long FindingId)> ConsoleAsync(string role = Roles.Reviewer)
    {
        var s = await ScreenedAsync([ScreeningLists.KasperskyRow], ("k", "AO Kaspersky Lab"));
        var id = (await FindingsAsync(s)).Single().Id;
        return (await app.SignedInAsync(role, s.Platform.Id), s, id);
    }

    [Fact]
    public async Task A_reviewer_sees_the_finding_in_the_console_and_clears_it_with_a_reason()
    {
        var (reviewer, s, id) = await ConsoleAsync();

        var list = await reviewer.Browser.GetStringAsync($"/console/screening/findings?list={s.Slug}");
        Assert.Contains($"/console/screening/findings/{id}?platform={s.Platform.Id}", list, StringComparison.Ordinal);
        var page = await reviewer.Browser.GetStringAsync($"/console/screening/findings/{id}");
        Assert.Contains("bod-17-01", page, StringComparison.Ordinal);
        Assert.Contains("https://www.cisa.gov/x", page, StringComparison.Ordinal);
        Assert.Contains("id=\"explanation\"", page, StringComparison.Ordinal);

        var empty = await ConsoleForms.PostFormAsync(reviewer.Browser, $"/console/screening/findings/{id}", new() { ["reason"] = "" }, "clear");
        Assert.Contains("id=\"review-error\"", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var cleared = await ConsoleForms.PostFormAsync(reviewer.Browser, $"/console/screening/findings/{id}", new() { ["reason"] = "A namesake reseller" }, "clear");
        Assert.Equal(HttpStatusCode.Redirect, cleared.StatusCode);

        var finding = (await FindingsAsync(s)).Single();
        Assert.Equal((FindingStates.Cleared, $"user:{reviewer.Id}", "A namesake reseller"), (finding.State, finding.ReviewedBy, finding.ReviewReason));
        Assert.Contains("No open findings", await reviewer.Browser.GetStringAsync($"/console/screening/findings?list={s.Slug}"), StringComparison.Ordinal);
        var noToken = await reviewer.Browser.PostAsync($"/console/screening/findings/{id}?handler=confirm",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["reason"] = "x" }));
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
    }

    [Fact]
    public async Task Only_a_senior_reviewer_may_turn_a_cleared_finding_into_a_confirmed_one()
    {
        var (reviewer, s, id) = await ConsoleAsync();
        await ConsoleForms.PostFormAsync(reviewer.Browser, $"/console/screening/findings/{id}", new() { ["reason"] = "namesake" }, "clear");
        var senior = await app.SignedInAsync(Roles.SeniorReviewer, s.Platform.Id);

        // The page offers this reviewer no form any more; a hand-made post is refused all the same.
        var token = await ConsoleForms.AntiforgeryTokenAsync(reviewer.Browser, "/console/screening");
        var refused = await reviewer.Browser.PostAsync($"/console/screening/findings/{id}?handler=confirm",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["reason"] = "hm", ["__RequestVerificationToken"] = token }));
        var refusal = await refused.Content.ReadAsStringAsync();
        Assert.True(refusal.Contains("only a senior reviewer", StringComparison.Ordinal), $"{(int)refused.StatusCode}: {refusal}");
        var confirmed = await ConsoleForms.PostFormAsync(senior.Browser, $"/console/screening/findings/{id}", new() { ["reason"] = "Same registry number" }, "confirm");

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal(FindingStates.Confirmed, (await FindingsAsync(s)).Single().State);
    }

    [Fact]
    public async Task An_auditor_reads_but_may_not_decide_and_other_platforms_see_nothing()
    {
        var (auditor, s, id) = await ConsoleAsync(Roles.Auditor);

        var page = await auditor.Browser.GetStringAsync($"/console/screening/findings/{id}");
        Assert.DoesNotContain("handler=clear", page, StringComparison.Ordinal);
        var token = await ConsoleForms.AntiforgeryTokenAsync(auditor.Browser, "/console/screening");
        var post = await auditor.Browser.PostAsync($"/console/screening/findings/{id}?handler=clear",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["reason"] = "x", ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(FindingStates.Open, (await FindingsAsync(s)).Single().State);

        var other = await app.CreatePlatformAsync();
        var outsider = await app.SignedInAsync(Roles.Reviewer, other.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.Browser.GetAsync($"/console/screening/findings/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.Browser.GetAsync($"/console/screening/findings/{id}?platform={s.Platform.Id}")).StatusCode);
        Assert.DoesNotContain($"/console/screening/findings/{id}", await outsider.Browser.GetStringAsync("/console/screening/findings?state=all"), StringComparison.Ordinal);
    }
}

public sealed class FindingsTests_Sqlite(QuietSqliteApp app) : FindingsTests(app), IClassFixture<QuietSqliteApp>;

public sealed class FindingsTests_Postgres(QuietPostgresApp app) : FindingsTests(app), IClassFixture<QuietPostgresApp>;
