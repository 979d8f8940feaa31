using System.Globalization;
using System.Net;
using Candor.Features.Decisions;
using Candor.Features.Identity;
using Candor.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Candor.Tests.Decisions;

/// <summary>Amend and reverse from the console decision page, posted as a browser posts them, on a real host and database.</summary>
public abstract class ConsoleAmendReverseTests(AppFixture app)
{
    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static async Task<(DecisionPlatform Platform, string Uuid)> IssuedAsync(AppFixture app)
    {
        var p = await DecisionPlatform.CreateAsync(app);
        var uuid = (await p.IssueAsync(DecisionPlatform.Body()))["uuid"]!.GetValue<string>();
        return (p, uuid);
    }

    private Task<string> StatusAsync(string uuid) =>
        app.WithDbAsync(db => db.Decisions.Where(d => d.Uuid == Guid.Parse(uuid)).Select(d => d.Status).SingleAsync());

    /// <summary>Posts the reversal form; the antiforgery token comes from a page everyone signed in can read.</summary>
    private static async Task<HttpResponseMessage> ReverseAsync(SignedInPerson person, string uuid, long platformId, string? reason)
    {
        var fields = new Dictionary<string, string>
        {
            ["platform"] = Id(platformId), ["__RequestVerificationToken"] = await ConsoleForms.AntiforgeryTokenAsync(person.Browser, "/console/sign-out"),
        };
        if (reason is not null) fields["Reason"] = reason;
        return await person.Browser.PostAsync($"/console/decisions/{uuid}?handler=reverse", new FormUrlEncodedContent(fields));
    }

    [Fact]
    public async Task A_reviewer_reverses_with_a_public_reason_and_a_second_reversal_is_refused_clearly()
    {
        var (p, uuid) = await IssuedAsync(app);
        var reviewer = await app.SignedInAsync(Roles.Reviewer, p.Platform.Id);
        var page = await reviewer.Browser.GetStringAsync($"/console/decisions/{uuid}?platform={Id(p.Platform.Id)}");
        Assert.Contains("id=\"amend-link\"", page, StringComparison.Ordinal);

        var missing = await ReverseAsync(reviewer, uuid, p.Platform.Id, "   ");
        Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
        var missingPage = await missing.Content.ReadAsStringAsync();
        Assert.Contains("<code>reason</code>", missingPage, StringComparison.Ordinal);
        Assert.Contains("Say why the decision is reversed", missingPage, StringComparison.Ordinal);
        Assert.Equal(DecisionStatuses.Issued, await StatusAsync(uuid));

        const string reason = "The lab report LR-2291 was about another product line; the claim on the landing page was accurate.";
        var reversed = await ReverseAsync(reviewer, uuid, p.Platform.Id, reason);
        Assert.Equal(HttpStatusCode.Redirect, reversed.StatusCode);
        Assert.Equal(DecisionStatuses.Reversed, await StatusAsync(uuid));
        var detail = await reviewer.Browser.GetStringAsync(reversed.Headers.Location!.OriginalString);
        Assert.Contains(">reversed<", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"amend-link\"", detail, StringComparison.Ordinal);
        var actor = await app.WithDbAsync(db => db.DecisionEvents.Where(e => e.Kind == DecisionEventKinds.Reversed)
            .Join(db.Decisions.Where(d => d.Uuid == Guid.Parse(uuid)), e => e.DecisionId, d => d.Id, (e, _) => e.Actor).SingleAsync());
        Assert.Equal($"user:{Id(reviewer.Id)}", actor);

        var publicPage = await app.Anonymous().GetStringAsync($"/decisions/{uuid}");
        Assert.Contains("This decision was reversed on", publicPage, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode(reason), publicPage, StringComparison.Ordinal);

        var again = await ReverseAsync(reviewer, uuid, p.Platform.Id, "Once more.");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("Not reversed: the decision is already reversed", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(db => db.DecisionEvents.CountAsync(e => e.Kind == DecisionEventKinds.Reversed
            && db.Decisions.Any(d => d.Id == e.DecisionId && d.Uuid == Guid.Parse(uuid)))));
    }

    [Fact]
    public async Task Another_platforms_reviewer_and_an_auditor_cannot_reverse_or_amend()
    {
        var (p, uuid) = await IssuedAsync(app);
        var other = await DecisionPlatform.CreateAsync(app);
        var stranger = await app.SignedInAsync(Roles.Reviewer, other.Platform.Id);
        var auditor = await app.SignedInAsync(Roles.Auditor, p.Platform.Id);

        // Their own platform: the decision is not found there. The decision's platform: not theirs.
        Assert.Equal(HttpStatusCode.NotFound, (await ReverseAsync(stranger, uuid, other.Platform.Id, "Not mine.")).StatusCode);
        var token = await ConsoleForms.AntiforgeryTokenAsync(stranger.Browser, "/console/sign-out");
        var forbidden = await stranger.Browser.PostAsync($"/console/decisions/{uuid}?handler=reverse", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["platform"] = Id(p.Platform.Id), ["Reason"] = "Not mine.", ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Browser.GetAsync($"/console/decisions/new?amends={uuid}&platform={Id(other.Platform.Id)}")).StatusCode);
        var strangerAmend = await ConsoleForms.PostFormAsync(stranger.Browser, "/console/decisions/new",
            new Dictionary<string, string> { ["platform"] = Id(other.Platform.Id), ["amends"] = uuid, ["Form.Facts"] = "x" }, "issue");
        Assert.Equal(HttpStatusCode.NotFound, strangerAmend.StatusCode);

        var auditorToken = await ConsoleForms.AntiforgeryTokenAsync(auditor.Browser, "/console/sign-out");
        var auditorPost = await auditor.Browser.PostAsync($"/console/decisions/{uuid}?handler=reverse", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["platform"] = Id(p.Platform.Id), ["Reason"] = "Auditors only read.", ["__RequestVerificationToken"] = auditorToken,
        }));
        Assert.Equal(HttpStatusCode.Forbidden, auditorPost.StatusCode);
        Assert.DoesNotContain("id=\"amend-link\"", await auditor.Browser.GetStringAsync($"/console/decisions/{uuid}?platform={Id(p.Platform.Id)}"),
            StringComparison.Ordinal);

        // Without the antiforgery token the post is refused before anything runs.
        var reviewer = await app.SignedInAsync(Roles.Reviewer, p.Platform.Id);
        var forged = await reviewer.Browser.PostAsync($"/console/decisions/{uuid}?handler=reverse",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["platform"] = Id(p.Platform.Id), ["Reason"] = "Forged." }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(DecisionStatuses.Issued, await StatusAsync(uuid));
    }

    [Fact]
    public async Task An_amendment_opens_prefilled_is_checked_like_any_issue_and_supersedes_the_decision_once()
    {
        var (p, uuid) = await IssuedAsync(app);
        var reviewer = await app.SignedInAsync(Roles.SeniorReviewer, p.Platform.Id);
        var path = "/console/decisions/new";
        var form = await reviewer.Browser.GetStringAsync($"{path}?amends={uuid}&platform={Id(p.Platform.Id)}");
        Assert.Contains("Amend decision " + uuid, form, StringComparison.Ordinal);
        Assert.Contains("lab report LR-2291", form, StringComparison.Ordinal); // the evidence, prefilled
        Assert.Contains("measured water ingress after 20 minutes", form, StringComparison.Ordinal); // the facts
        Assert.DoesNotContain("Save draft", form, StringComparison.Ordinal);

        var fields = Prefilled(form);
        fields["amends"] = uuid;
        fields["Form.Facts"] = "The advertiser operates using a business model that inherently conflicts with acceptable ads business practices. [E1]";
        var refused = await ConsoleForms.PostFormAsync(reviewer.Browser, path, new Dictionary<string, string>(fields), "issue");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("known boilerplate", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(DecisionStatuses.Issued, await StatusAsync(uuid));

        fields["Form.Facts"] = "On 2026-10-03 the landing page of ad ad-1 stated \"100% waterproof for life\" [E1]; lab report LR-2291 [E2] measured " +
                               "water ingress after 35 minutes at 1,500 mm (corrected from 20 minutes).";
        var issued = await ConsoleForms.PostFormAsync(reviewer.Browser, path, new Dictionary<string, string>(fields), "issue");
        Assert.Equal(HttpStatusCode.Redirect, issued.StatusCode);
        var newDetail = issued.Headers.Location!.OriginalString;
        var newUuid = newDetail.Split('?')[0].Split('/')[^1];
        Assert.NotEqual(uuid, newUuid);
        Assert.Equal(DecisionStatuses.Superseded, await StatusAsync(uuid));
        Assert.Equal(DecisionStatuses.Issued, await StatusAsync(newUuid));
        var amendment = await app.WithDbAsync(db => db.Decisions.AsNoTracking().SingleAsync(d => d.Uuid == Guid.Parse(newUuid)));
        Assert.Contains("35 minutes", amendment.DecisionFacts, StringComparison.Ordinal);
        Assert.Equal("FORM", amendment.Method);
        Assert.Equal($"user:{Id(reviewer.Id)}", amendment.DeciderRef);
        Assert.Equal("ads-4.2", amendment.ClauseId);
        Assert.Contains("notice-link", await reviewer.Browser.GetStringAsync(newDetail), StringComparison.Ordinal);
        var publicOld = await app.Anonymous().GetStringAsync($"/decisions/{uuid}");
        Assert.Contains("This decision was superseded on", publicOld, StringComparison.Ordinal);
        Assert.Contains($"/decisions/{newUuid}", publicOld, StringComparison.Ordinal);

        // The superseded decision cannot be amended again (nor reversed): a clear error, nothing stored.
        var second = await ConsoleForms.PostFormAsync(reviewer.Browser, path, new Dictionary<string, string>(fields), "issue");
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("only an issued decision in force can be amended", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var reverseOld = await ReverseAsync(reviewer, uuid, p.Platform.Id, "Too late.");
        Assert.Contains("Not reversed: the decision is already superseded", await reverseOld.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(2, await app.WithDbAsync(db => db.Decisions.CountAsync(d => d.PlatformId == p.Platform.Id)));
    }

    [Fact]
    public async Task An_amendment_in_the_console_keeps_the_fields_its_form_has_no_place_for()
    {
        var p = await DecisionPlatform.CreateAsync(app);
        var body = DecisionPlatform.Body();
        body["decision_visibility"] = new[] { "DECISION_VISIBILITY_CONTENT_REMOVED", "DECISION_VISIBILITY_OTHER" };
        body["decision_visibility_other"] = "Ad hidden from the advertiser's public page";
        body["category_addition"] = new[] { "STATEMENT_CATEGORY_SCAMS_AND_FRAUD" };
        body["category_specification"] = new[] { "KEYWORD_MISLEADING_INFO_GOODS_SERVICES", "KEYWORD_OTHER" };
        body["category_specification_other"] = "Waterproofing claim";
        body["content_type"] = new[] { "CONTENT_TYPE_TEXT", "CONTENT_TYPE_IMAGE" };
        body["content_language"] = "DE";
        body["decision_ground_reference_url"] = "https://platform.example/policies/ads-4.2";
        body["incompatible_content_illegal"] = "No";
        var uuid = (await p.IssueAsync(body))["uuid"]!.GetValue<string>();
        var reviewer = await app.SignedInAsync(Roles.Reviewer, p.Platform.Id);
        var page = await reviewer.Browser.GetStringAsync($"/console/decisions/new?amends={uuid}&platform={Id(p.Platform.Id)}");
        Assert.Contains("id=\"carried\"", page, StringComparison.Ordinal);
        Assert.Contains("Waterproofing claim", page, StringComparison.Ordinal);

        var fields = Prefilled(page);
        fields["amends"] = uuid;
        fields["Form.Facts"] = "On 2026-10-03 the landing page of ad ad-1 stated \"100% waterproof for life\" [E1]; lab report LR-2291 [E2] measured " +
                               "water ingress after 35 minutes at 1,500 mm (corrected from 20 minutes).";
        var issued = await ConsoleForms.PostFormAsync(reviewer.Browser, "/console/decisions/new", fields, "issue");

        Assert.Equal(HttpStatusCode.Redirect, issued.StatusCode);
        var newUuid = Guid.Parse(issued.Headers.Location!.OriginalString.Split('?')[0].Split('/')[^1]);
        var amendment = await app.WithDbAsync(db => db.Decisions.AsNoTracking().SingleAsync(d => d.Uuid == newUuid));
        Assert.Equal("[\"DECISION_VISIBILITY_CONTENT_REMOVED\",\"DECISION_VISIBILITY_OTHER\"]", amendment.DecisionVisibility);
        Assert.Equal("Ad hidden from the advertiser's public page", amendment.DecisionVisibilityOther);
        Assert.Equal("[\"STATEMENT_CATEGORY_SCAMS_AND_FRAUD\"]", amendment.CategoryAddition);
        Assert.Contains("KEYWORD_OTHER", amendment.CategorySpecification, StringComparison.Ordinal);
        Assert.Equal("Waterproofing claim", amendment.CategorySpecificationOther);
        Assert.Equal("[\"CONTENT_TYPE_IMAGE\",\"CONTENT_TYPE_TEXT\"]", amendment.ContentType); // stored sorted, as the TDB stores arrays
        Assert.Equal("DE", amendment.ContentLanguage);
        Assert.Equal("https://platform.example/policies/ads-4.2", amendment.DecisionGroundReferenceUrl);
        Assert.False(amendment.IncompatibleContentIllegal);
        Assert.Contains("35 minutes", amendment.DecisionFacts, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Racing_amendments_and_reversals_of_one_decision_let_exactly_one_win()
    {
        var (p, uuid) = await IssuedAsync(app);
        var reviewer = await app.SignedInAsync(Roles.Reviewer, p.Platform.Id);
        var form = Prefilled(await reviewer.Browser.GetStringAsync($"/console/decisions/new?amends={uuid}&platform={Id(p.Platform.Id)}"));
        form["amends"] = uuid;
        // Tokens first, so the posts themselves start together.
        var amendToken = await ConsoleForms.AntiforgeryTokenAsync(reviewer.Browser, "/console/decisions/new");
        var attempts = Enumerable.Range(0, 6).Select(i => i % 2 == 0
            ? reviewer.Browser.PostAsync("/console/decisions/new?handler=issue",
                new FormUrlEncodedContent(new Dictionary<string, string>(form) { ["__RequestVerificationToken"] = amendToken }))
            : reviewer.Browser.PostAsync($"/console/decisions/{uuid}?handler=reverse", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["platform"] = Id(p.Platform.Id), ["Reason"] = $"Reversal {i}", ["__RequestVerificationToken"] = amendToken,
            }))).ToList();
        var answers = await Task.WhenAll(attempts);

        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.Redirect));
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.Redirect), a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        var status = await StatusAsync(uuid);
        Assert.True(status is DecisionStatuses.Superseded or DecisionStatuses.Reversed, status);
        var changes = await app.WithDbAsync(db => db.DecisionEvents.CountAsync(e =>
            (e.Kind == DecisionEventKinds.Reversed || e.Kind == DecisionEventKinds.Superseded) && db.Decisions.Any(d => d.Id == e.DecisionId && d.Uuid == Guid.Parse(uuid))));
        Assert.Equal(1, changes);
        Assert.Equal(status == DecisionStatuses.Superseded ? 2 : 1, await app.WithDbAsync(db => db.Decisions.CountAsync(d => d.PlatformId == p.Platform.Id)));
    }

    /// <summary>The form's fields as the page filled them (inputs, text areas, selected options), as a browser would submit them.</summary>
    private static Dictionary<string, string> Prefilled(string html)
    {
        var fields = new Dictionary<string, string>();
        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(html,
                     "<input type=\"(?:text|date|hidden)\" name=\"([^\"]+)\" value=\"([^\"]*)\""))
            fields[m.Groups[1].Value] = WebUtility.HtmlDecode(m.Groups[2].Value);
        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(html, "<textarea name=\"([^\"]+)\"[^>]*>([^<]*)</textarea>"))
            fields[m.Groups[1].Value] = WebUtility.HtmlDecode(m.Groups[2].Value);
        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(html,
                     "<select name=\"([^\"]+)\">(.*?)</select>", System.Text.RegularExpressions.RegexOptions.Singleline))
            if (System.Text.RegularExpressions.Regex.Match(m.Groups[2].Value, "<option value=\"([^\"]*)\" selected=\"selected\"") is { Success: true } selected)
                fields[m.Groups[1].Value] = WebUtility.HtmlDecode(selected.Groups[1].Value);
        if (html.Contains("name=\"Form.AutomatedDetection\" value=\"true\" checked", StringComparison.Ordinal)) fields["Form.AutomatedDetection"] = "true";
        fields.Remove("__RequestVerificationToken");
        return fields;
    }
}

public sealed class ConsoleAmendReverseTests_Sqlite(SqliteApp app) : ConsoleAmendReverseTests(app), IClassFixture<SqliteApp>;

public sealed class ConsoleAmendReverseTests_Postgres(PostgresApp app) : ConsoleAmendReverseTests(app), IClassFixture<PostgresApp>;
