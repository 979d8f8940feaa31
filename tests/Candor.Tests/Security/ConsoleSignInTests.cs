using System.Net;
using Candor.Features.Identity;
using Candor.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Candor.Tests.Security;

public abstract class ConsoleSignInTests(AppFixture app)
{
    private const string Password = "correct horse battery";

    /// <summary>A browser-like client: keeps cookies, does not follow redirects (so tests can see them).</summary>
    private HttpClient Browser() =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };

    private async Task<(long Id, string Email)> CreateUserAsync(string? password = Password)
    {
        var platform = await app.CreatePlatformAsync();
        var email = $"r{Guid.NewGuid().ToString("N")[..12]}@example.org";
        var created = await app.WithDbAsync(db => CreateUser.RunAsync(db, app.Clock, "test", email, Roles.Reviewer, platform.Id, null, password, default));
        return (created.Id, created.Email);
    }

    [Fact]
    public async Task A_person_signs_in_sees_their_role_and_signs_out()
    {
        var (_, email) = await CreateUserAsync();
        var browser = Browser();

        var signIn = await ConsoleForms.SignInAsync(browser, email, Password);
        var console = await browser.GetStringAsync("/console");
        var signOut = await browser.PostAsync("/console/sign-out", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await ConsoleForms.AntiforgeryTokenAsync(browser, "/console"),
        }));
        var after = await browser.GetAsync("/console");

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/console", signIn.Headers.Location?.OriginalString);
        Assert.Contains(email, console, StringComparison.Ordinal);
        Assert.Contains("reviewer on Test platform", console, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/console/sign-in", after.Headers.Location?.PathAndQuery ?? after.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_an_OpenID_Connect_provider_there_is_no_provider_sign_in()
    {
        var browser = Browser();

        var page = await browser.GetStringAsync("/console/sign-in?failure=oidc-failed");
        var challenge = await browser.GetAsync("/console/sign-in/oidc");

        Assert.DoesNotContain("Sign in with", page, StringComparison.Ordinal);
        Assert.DoesNotContain("did not complete", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, challenge.StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_email_get_the_same_answer()
    {
        var (_, email) = await CreateUserAsync();

        var wrongPassword = await (await ConsoleForms.SignInAsync(Browser(), email, "not the password")).Content.ReadAsStringAsync();
        var unknownEmail = await (await ConsoleForms.SignInAsync(Browser(), "nobody-" + email, "not the password")).Content.ReadAsStringAsync();

        Assert.Contains("The email or password is not right.", wrongPassword, StringComparison.Ordinal);
        Assert.Contains("The email or password is not right.", unknownEmail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Five_failures_lock_the_account_for_a_while()
    {
        var (_, email) = await CreateUserAsync();
        for (var i = 0; i < SignIn.MaxFailures; i++) await ConsoleForms.SignInAsync(Browser(), email, "wrong password " + i);

        var whileLocked = await ConsoleForms.SignInAsync(Browser(), email, Password);
        app.Clock.Advance(SignIn.LockoutTime + TimeSpan.FromSeconds(1));
        var afterLockout = await ConsoleForms.SignInAsync(Browser(), email, Password);

        Assert.Contains("Too many failed attempts", await whileLocked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, afterLockout.StatusCode);
    }

    [Fact]
    public async Task A_form_without_the_antiforgery_token_is_refused()
    {
        var (_, email) = await CreateUserAsync();

        var response = await Browser().PostAsync("/console/sign-in",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = email, ["password"] = Password }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Disabling_a_user_ends_their_open_session()
    {
        var (_, email) = await CreateUserAsync();
        var browser = Browser();
        await ConsoleForms.SignInAsync(browser, email, Password);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/console")).StatusCode);

        Assert.True(await app.WithDbAsync(db => ManageUsers.DisableAsync(db, app.Clock, "test", email, default)));

        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/console")).StatusCode);
        Assert.Contains("The email or password is not right.", await (await ConsoleForms.SignInAsync(Browser(), email, Password)).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tampered_session_cookie_is_ignored()
    {
        var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = app.BaseAddress };
        browser.DefaultRequestHeaders.Add("Cookie", "candor.console=CfDJ8tampered" + new string('A', 200));

        var response = await browser.GetAsync("/console");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task A_set_password_link_works_once()
    {
        var (_, email) = await CreateUserAsync(password: null);
        var link = await app.WithDbAsync(db => ManageUsers.ResetPasswordAsync(db, app.Clock, "test", email, default));
        var browser = Browser();

        async Task<string> SetAsync(string password) => await (await browser.PostAsync(link, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["password"] = password, ["__RequestVerificationToken"] = await ConsoleForms.AntiforgeryTokenAsync(browser, link!),
        }))).Content.ReadAsStringAsync();

        Assert.Contains("at least 12 characters", await SetAsync("short"), StringComparison.Ordinal);
        Assert.Contains("Your password is set", await SetAsync(Password), StringComparison.Ordinal);
        Assert.Contains("used already or has expired", await browser.GetStringAsync(link), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await ConsoleForms.SignInAsync(Browser(), email, Password)).StatusCode);
    }

    [Fact]
    public async Task Sign_in_and_failures_go_to_the_audit_trail()
    {
        var (id, email) = await CreateUserAsync();

        await ConsoleForms.SignInAsync(Browser(), email, "wrong password!");
        await ConsoleForms.SignInAsync(Browser(), email, Password);

        var actions = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.Subject == $"user:{id}" || e.Actor == $"user:{id}")
            .OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());
        Assert.Equal(["user-created", "role-granted", "sign-in-failed", "sign-in"], actions);
    }

    [Fact]
    public async Task The_console_needs_a_signed_in_user()
    {
        var response = await Browser().GetAsync("/console");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/console/sign-in", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }
}

public sealed class ConsoleSignInTests_Sqlite(SqliteApp app) : ConsoleSignInTests(app), IClassFixture<SqliteApp>;

public sealed class ConsoleSignInTests_Postgres(PostgresApp app) : ConsoleSignInTests(app), IClassFixture<PostgresApp>;
