using System.Net;
using System.Text.RegularExpressions;
using Candor.Features.Identity;
using Candor.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Candor.Tests.Decisions;

/// <summary>The reviewers' decision form, over HTTP as a browser posts it, on a real host and database.</summary>
public abstract partial class ConsoleDecisionTests(AppFixture app)
{
    private const string Story = "The advertiser operates using a business model that inherently conflicts with acceptable ads business practices.";

    private static Dictionary<string, string> Form(long platformId, string facts, bool withEvidence = true)
    {
        var form = new Dictionary<string, string>
        {
            ["platform"] = platformId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Form.AdvertiserId"] = "adv-1",
            ["Form.AdId"] = "ad-1",
            ["Form.ClauseId"] = "ads-4.2",
            ["Form.ClauseVersion"] = "2026-09",
            ["Form.Facts"] = facts,
            ["Form.Ground"] = "DECISION_GROUND_INCOMPATIBLE_CONTENT",
            ["Form.GroundText"] = "Advertising policy 4.2: claims about products must be accurate",
            ["Form.Explanation"] = "The landing page claims a rating the product does not have [E2].",
            ["Form.Visibility"] = "DECISION_VISIBILITY_CONTENT_REMOVED",
            ["Form.VisibilityEnd"] = "2027-01-31",
            ["Form.TerritorialScope"] = "AT DE",
            ["Form.Category"] = "STATEMENT_CATEGORY_CONSUMER_INFORMATION",
            ["Form.ContentType"] = "CONTENT_TYPE_TEXT",
            ["Form.ContentDate"] = "2026-10-01",
            ["Form.ApplicationDate"] = "2026-11-02",
            ["Form.SourceType"] = "SOURCE_VOLUNTARY",
            ["Form.AutomatedDecision"] = "AUTOMATED_DECISION_NOT_AUTOMATED",
        };
        if (withEvidence)
        {
            form["Form.Evidence[0].Kind"] = "landing_page";
            form["Form.Evidence[0].Value"] = "https://shop.acme.example/jackets claims \"100% waterproof for life\"";
            form["Form.Evidence[0].Source"] = "crawler";
            form["Form.Evidence[0].ObservedAt"] = "2026-10-03";
            form["Form.Evidence[1].Kind"] = "document";
            form["Form.Evidence[1].Value"] = "lab report LR-2291";
            form["Form.Evidence[1].Source"] = "trusted tester";
        }
        return form;
    }

    private const string SpecificFacts = "On 2026-10-03 the landing page of ad ad-1 stated \"100% waterproof for life\" [E1]; " +
                                         "lab report LR-2291 [E2] measured water ingress after 20 minutes at 1,500 mm.";

    [Fact]
    public async Task A_reviewer_is_refused_the_story_line_with_its_reason_then_previews_and_issues_a_specific_decision()
    {
        var p = await DecisionPlatform.CreateAsync(app);
        var reviewer = await app.SignedInAsync(Roles.Reviewer, p.Platform.Id);
        const string path = "/console/decisions/new";

        var refused = await ConsoleForms.PostFormAsync(reviewer.Browser, path, Form(p.Platform.Id, Story, withEvidence: false), "issue");
        var refusedPage = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("cannot be issued as written", refusedPage, StringComparison.Ordinal);
        Assert.Contains("<code>evidence</code>", refusedPage, StringComparison.Ordinal);
        var boilerplate = await (await ConsoleForms.PostFormAsync(reviewer.Browser, path, Form(p.Platform.Id, Story + " [E1]"), "issue")).Content.ReadAsStringAsync();
        Assert.Contains("known boilerplate", boilerplate, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Decisions.CountAsync(d => d.PlatformId == p.Platform.Id)));
        Assert.Contains("known boilerplate", await reviewer.Browser.GetStringAsync($"/console/decisions?platform={p.Platform.Id}"), StringComparison.Ordinal);

        var preview = await (await ConsoleForms.PostFormAsync(reviewer.Browser, path, Form(p.Platform.Id, SpecificFacts), "preview")).Content.ReadAsStringAsync();
        Assert.Contains("Preview of the notice", preview, StringComparison.Ordinal);
        Assert.Contains("clause ads-4.2, version 2026-09", preview, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Decisions.CountAsync(d => d.PlatformId == p.Platform.Id)));

        var issued = await ConsoleForms.PostFormAsync(reviewer.Browser, path, Form(p.Platform.Id, SpecificFacts), "issue");
        Assert.Equal(HttpStatusCode.Redirect, issued.StatusCode);
        var detail = await reviewer.Browser.GetStringAsync(issued.Headers.Location!.OriginalString);
        Assert.Contains(">issued<", detail, StringComparison.Ordinal);
        var decision = await app.WithDbAsync(db => db.Decisions.AsNoTracking().SingleAsync(d => d.PlatformId == p.Platform.Id));
        Assert.Equal("person", decision.DeciderKind);
        Assert.Equal($"user:{reviewer.Id}", decision.DeciderRef);
        Assert.Equal("FORM", decision.Method);

        var noticePath = WebUtility.HtmlDecode(NoticeLink().Match(detail).Groups[1].Value);
        var notice = await app.Anonymous().GetStringAsync(noticePath);
        Assert.Contains("lab report LR-2291", notice, StringComparison.Ordinal);
        Assert.Contains($"Appeal until {DateOnly.FromDateTime(decision.IssuedAt!.Value.UtcDateTime.AddMonths(6)):yyyy-MM-dd}", notice, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_draft_saved_in_the_console_is_issued_from_its_page()
    {
        var p = await DecisionPlatform.CreateAsync(app);
        var reviewer = await app.SignedInAsync(Roles.SeniorReviewer, p.Platform.Id);

        var saved = await ConsoleForms.PostFormAsync(reviewer.Browser, "/console/decisions/new", Form(p.Platform.Id, SpecificFacts), "draft");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var detailPath = saved.Headers.Location!.OriginalString;
        Assert.Contains(">draft<", await reviewer.Browser.GetStringAsync(detailPath), StringComparison.Ordinal);

        var issued = await ConsoleForms.PostFormAsync(reviewer.Browser, detailPath.Split('?')[0], new() { ["platform"] = p.Platform.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, "issue");
        Assert.Equal(HttpStatusCode.Redirect, issued.StatusCode);
        Assert.Contains(">issued<", await reviewer.Browser.GetStringAsync(issued.Headers.Location!.OriginalString), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_auditor_reads_but_cannot_write_and_nobody_reaches_another_platform()
    {
        var p = await DecisionPlatform.CreateAsync(app);
        var other = await DecisionPlatform.CreateAsync(app);
        var othersDecision = (await other.IssueAsync(DecisionPlatform.Body()))["uuid"]!.GetValue<string>();
        var auditor = await app.SignedInAsync(Roles.Auditor, p.Platform.Id);
        var reviewer = await app.SignedInAsync(Roles.Reviewer, p.Platform.Id);
        var id = p.Platform.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(HttpStatusCode.OK, (await auditor.Browser.GetAsync("/console/decisions")).StatusCode);
        var token = await ConsoleForms.AntiforgeryTokenAsync(auditor.Browser, "/console/sign-out");
        var post = await auditor.Browser.PostAsync("/console/decisions/new?handler=issue", new FormUrlEncodedContent(
            new Dictionary<string, string>(Form(p.Platform.Id, SpecificFacts)) { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.Decisions.CountAsync(d => d.PlatformId == p.Platform.Id)));

        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.Browser.GetAsync($"/console/decisions?platform={other.Platform.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reviewer.Browser.GetAsync($"/console/decisions/{othersDecision}?platform={id}")).StatusCode);
        Assert.DoesNotContain(othersDecision, await reviewer.Browser.GetStringAsync("/console/decisions"), StringComparison.Ordinal);
    }

    [GeneratedRegex("id=\"notice-link\" href=\"([^\"]+)\"")]
    private static partial Regex NoticeLink();
}

public sealed class ConsoleDecisionTests_Sqlite(SqliteApp app) : ConsoleDecisionTests(app), IClassFixture<SqliteApp>;

public sealed class ConsoleDecisionTests_Postgres(PostgresApp app) : ConsoleDecisionTests(app), IClassFixture<PostgresApp>;
