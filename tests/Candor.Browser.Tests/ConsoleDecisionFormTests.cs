using System.Globalization;
using Candor.Features.Demo;
using Microsoft.Playwright;

namespace Candor.Browser.Tests;

/// <summary>The reviewers' decision form in a real browser without JavaScript: refused boilerplate, preview, issue, the notice.</summary>
public sealed class ConsoleDecisionFormTests(CandorServer server) : IClassFixture<CandorServer>
{
    private const string Story = "The advertiser operates using a business model that inherently conflicts with acceptable ads business practices. [E1]";

    [Fact]
    public async Task A_reviewer_is_refused_the_story_line_then_writes_specific_facts_previews_and_issues()
    {
        var page = await server.NewPageAsync(javaScript: false);
        await page.GotoAsync("/console/sign-in");
        await page.GetByLabel("Email").FillAsync(DemoStory.ReviewerEmail);
        await page.GetByLabel("Password").FillAsync(DemoStory.ReviewerPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/console", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.DOMContentLoaded });

        await page.GotoAsync("/console/decisions/new");
        var today = TimeProvider.System.GetUtcNow();
        await Field(page, "AdvertiserId").FillAsync("gen-northwind");
        await Field(page, "AdId").FillAsync("gen-1");
        await Field(page, "ClauseId").FillAsync("ADV-5.1"); // the demo publishes the sample catalogue, so the clause must be in it
        await Field(page, "ClauseVersion").FillAsync("1.0");
        await page.Locator("select[name='Form.Evidence[0].Kind']").SelectOptionAsync("landing_page");
        await Field(page, "Evidence[0].Value").FillAsync("https://shop.northwind.example/trail claims \"100% waterproof for life\"");
        await Field(page, "Evidence[0].Source").FillAsync("crawler");
        await Field(page, "Evidence[0].ObservedAt").FillAsync(today.AddDays(-3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.Locator("select[name='Form.Evidence[1].Kind']").SelectOptionAsync("document");
        await Field(page, "Evidence[1].Value").FillAsync("lab report LR-2291");
        await Field(page, "Evidence[1].Source").FillAsync("trusted tester");
        await Field(page, "GroundText").FillAsync("Policy ADV-5: deceptive claims about products");
        await Field(page, "Explanation").FillAsync("See the facts [E1].");
        await page.Locator("select[name='Form.Visibility']").SelectOptionAsync("DECISION_VISIBILITY_CONTENT_REMOVED");
        await Field(page, "TerritorialScope").FillAsync("DE AT");
        await Field(page, "ContentDate").FillAsync(today.AddDays(-10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await Field(page, "Facts").FillAsync(Story);
        await page.GetByRole(AriaRole.Button, new() { Name = "Issue", Exact = true }).ClickAsync();

        var refusal = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(refusal).ToContainTextAsync("cannot be issued as written");
        await Assertions.Expect(refusal).ToContainTextAsync("known boilerplate");

        await Field(page, "Facts").FillAsync("On the landing page of ad gen-1 the trail shoes are sold as \"100% waterproof for life\" [E1]; " +
                                             "lab report LR-2291 [E2] measured water ingress after 20 minutes at 1,500 mm.");
        await Field(page, "Explanation").FillAsync("Lab report LR-2291 [E2] contradicts the waterproof claim made on the landing page [E1].");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        var preview = page.Locator("#preview");
        await Assertions.Expect(preview).ToContainTextAsync("clause ADV-5.1 of policy ADV-5, version 1.0");
        await Assertions.Expect(preview).ToContainTextAsync("lab report LR-2291");

        await page.GetByRole(AriaRole.Button, new() { Name = "Issue", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("issued");
        await page.Locator("#notice-link").ClickAsync();

        await page.WaitForURLAsync(url => url.Contains("/notices/", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        var notice = page.Locator("main");
        await Assertions.Expect(notice).ToContainTextAsync("clause ADV-5.1 of policy ADV-5, version 1.0");
        await Assertions.Expect(notice).ToContainTextAsync("measured water ingress after 20 minutes");
        await Assertions.Expect(notice).ToContainTextAsync($"Appeal until {today.UtcDateTime.AddMonths(6):yyyy-MM-dd}");
        await page.ScreenshotAsync(new() { Path = CandorServer.ScreenshotPath("console-decision-notice.png"), FullPage = true });
    }

    private static ILocator Field(IPage page, string name) => page.Locator($"[name='Form.{name}']");
}
