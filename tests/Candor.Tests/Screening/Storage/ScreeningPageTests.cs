using System.Net;
using Candor.Features.Identity;
using Candor.Features.Screening;
using Candor.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Candor.Tests.Screening.Storage;

/// <summary>/console/screening as a browser without JavaScript uses it: a form post with its antiforgery token.</summary>
public abstract class ScreeningPageTests(AppFixture app)
{
    private async Task<HttpClient> SignedInAsync(string role, long? advertiserId = null)
    {
        var platform = await app.CreatePlatformAsync();
        if (advertiserId is not null)
        {
            await platform.Client.PostJsonAsync("/api/v1/advertisers", new[] { new { id = "adv", legal_name = "Adv Ltd", country = "DE", verification_status = "verified" } });
            advertiserId = await app.WithDbAsync(db => Task.FromResult(db.Advertisers.Single(a => a.PlatformId == platform.Id).Id));
        }
        var email = $"s{Guid.NewGuid().ToString("N")[..12]}@example.org";
        await app.WithDbAsync(db => CreateUser.RunAsync(db, app.Clock, "test", email, role, platform.Id, advertiserId, "screening password 1", default));
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = app.BaseAddress };
        Assert.Equal(HttpStatusCode.Redirect, (await ConsoleForms.SignInAsync(client, email, "screening password 1")).StatusCode);
        return client;
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, Dictionary<string, string> form)
    {
        form["__RequestVerificationToken"] = await ConsoleForms.AntiforgeryTokenAsync(client, "/console/screening");
        return await client.PostAsync("/console/screening", new FormUrlEncodedContent(form));
    }

    [Fact]
    public async Task A_reviewer_sees_the_match_and_why()
    {
        var slug = ScreeningLists.NewSlug();
        await ScreeningLists.ImportAsync(app, ScreeningLists.Custom(ScreeningLists.KasperskyRow), slug);
        await app.Services.GetRequiredService<ScreeningIndexHolder>().RefreshAsync(default);
        var client = await SignedInAsync(Roles.Reviewer);

        var response = await PostAsync(client, new() { ["name"] = "JSC Kaspersky Lab", ["country"] = "RU", ["type"] = "organization", ["minScore"] = "0.7" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("AO Kaspersky Lab", html, StringComparison.Ordinal);
        Assert.Contains(slug, html, StringComparison.Ordinal);
        Assert.Contains("legal-form", html, StringComparison.Ordinal);
        Assert.Contains("Legal forms:", html, StringComparison.Ordinal);
        Assert.Contains("Corroborates:", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_name_of_only_emoji_shows_a_readable_error()
    {
        var client = await SignedInAsync(Roles.Reviewer);

        var response = await PostAsync(client, new() { ["name"] = "😀😀" });

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("role=\"alert\"", html, StringComparison.Ordinal);
        Assert.Contains("no letters or digits", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused()
    {
        var client = await SignedInAsync(Roles.Reviewer);

        var response = await client.PostAsync("/console/screening", new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "Kaspersky" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task An_advertiser_user_may_not_use_the_page()
    {
        var client = await SignedInAsync(Roles.Advertiser, advertiserId: 0);

        var response = await client.GetAsync("/console/screening");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}

public sealed class ScreeningPageTests_Sqlite(SqliteApp app) : ScreeningPageTests(app), IClassFixture<SqliteApp>;

public sealed class ScreeningPageTests_Postgres(PostgresApp app) : ScreeningPageTests(app), IClassFixture<PostgresApp>;
