using Candor.Data;
using Candor.Features.Ads;
using Candor.Features.Advertisers;
using Candor.Features.Demo;
using Candor.Features.Review;
using Candor.Tests.Review;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Candor.Browser.Tests;

/// <summary>
/// The review queue in a real browser without JavaScript, on the demo data: the demo reviewer signs in, finds the item
/// in the queue, reads the explanation tree, claims it, opens the prefilled draft and issues it (the item leaves the
/// open queue); and another item is dismissed with a reason.
/// </summary>
public sealed class ReviewQueueBrowserTests(CandorServer server) : IClassFixture<CandorServer>
{
    /// <summary>Two ads on the demo platform that the test's own policy sends to review; returns their item ids.</summary>
    private async Task<(long Decide, long Dismiss)> SeedAsync(string policyId)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CandorDb>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var platformId = await db.Platforms.Where(p => p.Slug == DemoData.PlatformSlug).Select(p => p.Id).SingleAsync();
        var suffix = policyId.ToLowerInvariant();
        await UpsertAdvertisers.RunAsync(db, clock, platformId, [new AdvertiserInput("rv-" + suffix, "Spielhalle Nord GmbH", null, "DE")],
            InvalidRecords.RefuseBatch, default);
        await UpsertAds.RunAsync(db, clock, platformId,
        [
            new AdInput("rv-decide-" + suffix, "rv-" + suffix, "Casino nights every Friday", "Play roulette with a welcome bonus.", DeliveryStart: clock.GetUtcNow().AddDays(-3)),
            new AdInput("rv-dismiss-" + suffix, "rv-" + suffix, "Dinner at Casino Road 4", "Our bistro opens on Casino Road.", DeliveryStart: clock.GetUtcNow().AddDays(-2)),
        ], InvalidRecords.RefuseBatch, default);
        // Their evaluation (queued by the upsert) runs before the policy exists, so it cannot later reset what is raised below.
        await ReviewSeed.WaitForEvaluationsAsync(db);
        await ReviewSeed.ImportAsync(db, clock, platformId, ReviewSeed.Policy(policyId));
        var decide = (await ReviewSeed.RaiseAsync(db, clock.GetUtcNow().AddHours(-2), platformId, "rv-decide-" + suffix, priority: 900, onlyClause: policyId + ".1")).Single();
        var dismiss = (await ReviewSeed.RaiseAsync(db, clock.GetUtcNow().AddHours(-1), platformId, "rv-dismiss-" + suffix, priority: 900, onlyClause: policyId + ".1")).Single();
        return (decide, dismiss);
    }

    private async Task<IPage> SignedInReviewerAsync()
    {
        var page = await server.NewPageAsync(javaScript: false);
        await page.GotoAsync("/console/sign-in");
        await page.GetByLabel("Email").FillAsync(DemoStory.ReviewerEmail);
        await page.GetByLabel("Password").FillAsync(DemoStory.ReviewerPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/console", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        return page;
    }

    [Fact]
    public async Task A_reviewer_claims_an_item_reads_its_tree_issues_the_prefilled_draft_and_dismisses_another()
    {
        var policyId = "BR" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var (decide, dismiss) = await SeedAsync(policyId);
        var page = await SignedInReviewerAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Review queue" }).ClickAsync();
        var queue = page.Locator("#queue");
        await Assertions.Expect(queue).ToContainTextAsync("Casino nights every Friday");
        await Assertions.Expect(queue).ToContainTextAsync($"{policyId}.1-R1");
        await page.GetByRole(AriaRole.Link, new() { Name = $"#{decide}", Exact = true }).ClickAsync();

        var tree = page.Locator($"#hit-{policyId}\\.1-R1 .tree");
        await Assertions.Expect(tree).ToContainTextAsync("text_contains");
        await Assertions.Expect(tree).ToContainTextAsync("saw title:");
        await Assertions.Expect(tree).ToContainTextAsync("✓");
        await Assertions.Expect(page.Locator("#clause-text")).ToContainTextAsync("without a licence");
        await Assertions.Expect(page.Locator("#clause-link")).ToHaveAttributeAsync("href", $"/policies/{policyId}/v/1#{policyId}.1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Claim" }).ClickAsync();
        await Assertions.Expect(page.Locator("#claim")).ToContainTextAsync("Claimed by you");

        await page.Locator("#open-draft").ClickAsync();
        await Assertions.Expect(page.Locator("#from-review")).ToContainTextAsync($"review item #{decide}");
        await Assertions.Expect(page.Locator("[name='Form.ClauseId']")).ToHaveValueAsync($"{policyId}.1");
        Assert.Contains("title: \"casino\"", await page.Locator("[name='Form.Evidence[0].Value']").InputValueAsync(), StringComparison.Ordinal);
        Assert.Contains("[E1]", await page.Locator("[name='Form.Facts']").InputValueAsync(), StringComparison.Ordinal);
        await page.Locator("[name='Form.Facts']").FillAsync(
            "The ad rv-decide-" + policyId.ToLowerInvariant() + " titled \"Casino nights every Friday\" [E1] offers roulette with a welcome bonus; the advertiser holds no gambling licence for DE.");
        await page.Locator("[name='Form.TerritorialScope']").FillAsync("DE");
        await page.GetByRole(AriaRole.Button, new() { Name = "Issue", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("issued");

        await page.GotoAsync("/console/review");
        await Assertions.Expect(page.Locator("body")).Not.ToContainTextAsync("Casino nights every Friday");
        await page.GotoAsync($"/console/review/{decide}");
        await Assertions.Expect(page.Locator("#item-state")).ToHaveTextAsync(ReviewStates.Decided);

        await page.GotoAsync($"/console/review/{dismiss}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Claim" }).ClickAsync();
        await page.GetByLabel("Why this hit does not break the clause").FillAsync("Too short");
        await page.GetByRole(AriaRole.Button, new() { Name = "Dismiss" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Too short to be checked later");
        await page.GetByLabel("Why this hit does not break the clause").FillAsync("'Casino' is the street of the bistro (Casino Road 4); the ad sells dinners, not gambling.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Dismiss" }).ClickAsync();
        await Assertions.Expect(page.Locator("#item-state")).ToHaveTextAsync(ReviewStates.Dismissed);
        await Assertions.Expect(page.Locator("#dismiss-reason")).ToContainTextAsync("Casino Road 4");
        await page.ScreenshotAsync(new() { Path = CandorServer.ScreenshotPath("console-review-dismissed.png"), FullPage = true });
        await page.GotoAsync("/console/review");
        await Assertions.Expect(page.Locator("body")).Not.ToContainTextAsync("Dinner at Casino Road 4");
    }
}
