using Candor.Data;
using Candor.Features.Decisions;
using Candor.Features.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Candor.Browser.Tests;

/// <summary>A reviewer reverses the demo's issued decision in a real browser without JavaScript; the public page admits it with the reason.</summary>
public sealed class ConsoleReverseTests(CandorServer server) : IClassFixture<CandorServer>
{
    [Fact]
    public async Task A_reviewer_reverses_a_decision_and_the_public_page_says_so_with_the_reason()
    {
        var uuid = await DemoDecisionAsync();
        var page = await server.NewPageAsync(javaScript: false);
        await page.GotoAsync("/console/sign-in");
        await page.GetByLabel("Email").FillAsync(DemoStory.ReviewerEmail);
        await page.GetByLabel("Password").FillAsync(DemoStory.ReviewerPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/console", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.DOMContentLoaded });

        await page.GotoAsync($"/console/decisions/{uuid}");
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("issued");
        // Without a reason the reversal is refused, and the decision stays in force.
        await page.GetByRole(AriaRole.Button, new() { Name = "Reverse" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Say why the decision is reversed");
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("issued");

        const string reason = "The list entry relied on was withdrawn by the issuing authority before the decision; the restriction had no basis.";
        await page.GetByLabel("Reason for the reversal").FillAsync(reason);
        await page.GetByRole(AriaRole.Button, new() { Name = "Reverse" }).ClickAsync();
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("reversed");

        await page.GotoAsync($"/decisions/{uuid}");
        var admitted = page.Locator("p.notice").First;
        await Assertions.Expect(admitted).ToContainTextAsync("This decision was reversed on");
        await Assertions.Expect(admitted).ToContainTextAsync(reason);
        await Assertions.Expect(page.Locator("p.meta span.status")).ToHaveTextAsync("reversed");
        await page.ScreenshotAsync(new() { Path = CandorServer.ScreenshotPath("decision-reversed-public.png"), FullPage = true });
    }

    /// <summary>The decision the demo issued with its reviewer (the story told right).</summary>
    private async Task<Guid> DemoDecisionAsync()
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CandorDb>();
        var reviewer = await db.Users.Where(u => u.Email == DemoStory.ReviewerEmail).Select(u => u.Id).SingleAsync();
        var decider = "user:" + reviewer.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await db.Decisions.Where(d => d.Status == DecisionStatuses.Issued && d.DeciderRef == decider)
            .OrderBy(d => d.Id).Select(d => d.Uuid).FirstAsync();
    }
}
