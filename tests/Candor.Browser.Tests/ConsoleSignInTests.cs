using Candor.Data;
using Candor.Features.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Candor.Browser.Tests;

/// <summary>A reviewer signing in to the console in a real browser: cookie, antiforgery and redirect as a person meets them.</summary>
public sealed class ConsoleSignInTests(CandorServer server) : IClassFixture<CandorServer>
{
    [Fact]
    public async Task A_reviewer_signs_in_sees_their_role_and_signs_out()
    {
        var email = $"reviewer-{Guid.NewGuid():N}"[..20] + "@example.org";
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CandorDb>();
            var platformId = db.Platforms.Select(p => p.Id).First();
            await CreateUser.RunAsync(db, TimeProvider.System, "test", email, Roles.Reviewer, platformId, null, "a long enough password", default);
        }
        var page = await server.NewPageAsync();

        await page.GotoAsync("/console");
        Assert.Contains("/console/sign-in", page.Url, StringComparison.Ordinal);
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync("a wrong password!");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The email or password is not right.");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync("a long enough password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await page.WaitForURLAsync(url => url.EndsWith("/console", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync(email);
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("reviewer on Demo Social");
        await page.ScreenshotAsync(new() { Path = CandorServer.ScreenshotPath("console.png"), FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/console/sign-in", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await page.GotoAsync("/console");
        Assert.Contains("/console/sign-in", page.Url, StringComparison.Ordinal);
    }
}
