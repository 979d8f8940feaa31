using Candor.Data;
using Candor.Features.Identity;
using Candor.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Candor.Browser.Tests;

/// <summary>
/// Candor on 127.0.0.1 with the test OpenID Connect provider on <c>localhost</c>: two sites to the browser, so the
/// callback is a cross-site navigation, as with a real provider, and SameSite rules apply as they would.
/// </summary>
public sealed class OidcCandorServer : CandorServer
{
    public OidcTestProvider Provider { get; private set; } = null!;

    protected override IEnumerable<KeyValuePair<string, string?>>? Settings =>
    [
        new("Candor:Oidc:Authority", Provider.Issuer),
        new("Candor:Oidc:ClientId", OidcTestProvider.ClientId),
        new("Candor:Oidc:ClientSecret", OidcTestProvider.ClientSecret),
        new("Candor:Oidc:DisplayName", "Test IdP"),
    ];

    public override async Task InitializeAsync()
    {
        Provider = await OidcTestProvider.StartAsync("localhost");
        await base.InitializeAsync();
        Provider.AllowRedirectUri(new Uri(BaseAddress, "/signin-oidc"));
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Provider is not null) await Provider.DisposeAsync();
    }
}

public sealed class OidcSignInTests(OidcCandorServer server) : IClassFixture<OidcCandorServer>
{
    [Fact]
    public async Task A_reviewer_signs_in_with_the_provider_and_lands_in_the_console()
    {
        var email = $"oidc-{Guid.NewGuid():N}"[..20] + "@example.org";
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CandorDb>();
            var platformId = db.Platforms.Select(p => p.Id).First();
            await CreateUser.RunAsync(db, TimeProvider.System, "test", email, Roles.Reviewer, platformId, null, null, default);
        }
        var person = server.Provider.AddPerson(email);
        var page = await server.NewPageAsync(javaScript: false);

        await page.GotoAsync("/console");
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in with Test IdP" }).ClickAsync();
        await page.WaitForURLAsync(url => url.StartsWith(server.Provider.Issuer, StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await page.GetByLabel("Subject").FillAsync(person.Subject);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();

        await WaitForConsoleAsync(page);
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync(email);
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("reviewer on Demo Social");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/console/sign-in", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
    }

    /// <summary>
    /// The callback lands on /console; when it does not (once, in a CI run, after 60 s), say where the browser is and
    /// what the page says, so the failure explains itself instead of a bare timeout.
    /// </summary>
    private static async Task WaitForConsoleAsync(IPage page)
    {
        try
        {
            await page.WaitForURLAsync(url => url.EndsWith("/console", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        }
        catch (TimeoutException ex)
        {
            var text = await page.Locator("body").InnerTextAsync(new() { Timeout = 5_000 }).ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : "(unreadable)", TaskScheduler.Default);
            throw new TimeoutException($"the sign-in did not reach /console; the browser is at {page.Url} showing: {text[..Math.Min(text.Length, 1_000)]}", ex);
        }
    }
}
