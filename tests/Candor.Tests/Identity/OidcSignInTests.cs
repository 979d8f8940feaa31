using System.Net;
using Candor.Features.Audit;
using Candor.Features.Identity;
using Candor.Infrastructure;
using Candor.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Candor.Tests.Identity;

/// <summary>
/// The whole OpenID Connect sign-in over real HTTP: Candor's host and the test provider each on their own port, a
/// cookie-keeping client walking the redirects as a browser would.
/// </summary>
public abstract class OidcSignInTests(OidcAppFixture app)
{
    private OidcTestProvider Provider => app.Provider;

    private async Task<(long Id, string Email)> CreateReviewerAsync(string? password = null)
    {
        var platform = await app.CreatePlatformAsync();
        var email = $"o{Guid.NewGuid().ToString("N")[..12]}@example.org";
        var created = await app.WithDbAsync(db => CreateUser.RunAsync(db, app.Clock, "test", email, Roles.Reviewer, platform.Id, null, password, default));
        return (created.Id, created.Email);
    }

    /// <summary>
    /// Clicks "Sign in with …", signs in at the provider as <paramref name="person"/>, follows the provider's redirect back to
    /// Candor's callback (which <paramref name="tamper"/> may change) and returns Candor's answer to it.
    /// </summary>
    private async Task<HttpResponseMessage> SignInAtProviderAsync(HttpClient browser, IdpPerson person, IdpFault fault = IdpFault.None,
        Func<string, string>? tamper = null, HttpClient? callbackBrowser = null)
    {
        var challenge = await browser.GetAsync("/console/sign-in/oidc?returnUrl=%2Fconsole");
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var authorize = challenge.Headers.Location!.ToString();
        Assert.StartsWith(Provider.Issuer + "/authorize?", authorize, StringComparison.Ordinal);
        var atProvider = await browser.GetAsync($"{authorize}&login_as={Uri.EscapeDataString(person.Subject)}&fault={fault}");
        Assert.Equal(HttpStatusCode.Redirect, atProvider.StatusCode);
        var callback = atProvider.Headers.Location!.ToString();
        Assert.StartsWith(new Uri(app.BaseAddress, "/signin-oidc?").ToString(), callback, StringComparison.Ordinal);
        return await (callbackBrowser ?? browser).GetAsync(tamper is null ? callback : tamper(callback));
    }

    /// <summary>Where a redirect goes, as a path: Candor's own redirects are relative, the cookie handler's absolute.</summary>
    private static string? Location(HttpResponseMessage response) =>
        response.Headers.Location is { IsAbsoluteUri: true } absolute ? absolute.PathAndQuery : response.Headers.Location?.OriginalString;

    private Task<List<AuditEvent>> AuditSinceAsync(long afterId) =>
        app.WithDbAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.Id > afterId).OrderBy(e => e.Id).ToListAsync());

    private Task<long> LastAuditIdAsync() => app.WithDbAsync(db => db.AuditEvents.MaxAsync(e => (long?)e.Id)).ContinueWith(t => t.Result ?? 0);

    private Task<User> UserAsync(long id) => app.WithDbAsync(db => db.Users.AsNoTracking().FirstAsync(u => u.Id == id));

    [Fact]
    public async Task The_sign_in_page_offers_the_provider_and_password_sign_in_still_works()
    {
        var (_, email) = await CreateReviewerAsync(ConsolePeople.Password);
        var browser = ConsoleForms.Browser(app.BaseAddress);

        var page = await browser.GetStringAsync("/console/sign-in");
        var signIn = await ConsoleForms.SignInAsync(browser, email, ConsolePeople.Password);

        Assert.Contains($"Sign in with {OidcAppFixture.DisplayName}", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/console/sign-in/oidc?returnUrl=%2Fconsole\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Contains(email, await browser.GetStringAsync("/console"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_person_with_a_verified_email_is_linked_signed_in_and_uses_the_console()
    {
        var (id, email) = await CreateReviewerAsync();
        var person = Provider.AddPerson(email.ToUpperInvariant());
        var browser = ConsoleForms.Browser(app.BaseAddress);
        var auditFrom = await LastAuditIdAsync();
        var tokensBefore = Provider.TokensIssued;

        var back = await SignInAtProviderAsync(browser, person);
        var continuePage = await browser.GetAsync(Location(back));
        var console = await browser.GetStringAsync("/console");

        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        Assert.Equal("/console/sign-in/oidc/continue?returnUrl=%2Fconsole", Location(back));
        Assert.Equal(HttpStatusCode.OK, continuePage.StatusCode);
        Assert.Contains("<meta http-equiv=\"refresh\" content=\"0;url=/console\">", await continuePage.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, continuePage.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains(email, console, StringComparison.Ordinal);
        Assert.Contains("reviewer on Test platform", console, StringComparison.Ordinal);
        Assert.Equal(tokensBefore + 1, Provider.TokensIssued);
        var user = await UserAsync(id);
        Assert.Equal((Provider.Issuer, person.Subject), (user.OidcIssuer, user.OidcSubject));
        var audit = await AuditSinceAsync(auditFrom);
        Assert.Equal(["oidc-linked", "sign-in"], audit.Select(e => e.Action));
        Assert.All(audit, e => Assert.Equal($"user:{id}", e.Actor));
        Assert.All(audit, e => Assert.Equal("127.0.0.1", e.RemoteAddress));
        Assert.All(audit, e => Assert.Contains(person.Subject, e.Detail, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_linked_person_signs_in_by_subject_even_after_the_provider_changed_their_email()
    {
        var (id, email) = await CreateReviewerAsync();
        var person = Provider.AddPerson(email);
        await SignInAtProviderAsync(ConsoleForms.Browser(app.BaseAddress), person);
        var renamed = Provider.AddPerson("renamed-" + email, subject: person.Subject);
        var browser = ConsoleForms.Browser(app.BaseAddress);

        var back = await SignInAtProviderAsync(browser, renamed);

        Assert.Equal("/console/sign-in/oidc/continue?returnUrl=%2Fconsole", Location(back));
        Assert.Contains(email, await browser.GetStringAsync("/console"), StringComparison.Ordinal);
        Assert.Equal(email, (await UserAsync(id)).Email);
    }

    [Fact]
    public async Task The_session_is_the_console_session_it_expires_and_signs_out_like_a_password_one()
    {
        var (_, email) = await CreateReviewerAsync();
        var person = Provider.AddPerson(email);
        var first = ConsoleForms.Browser(app.BaseAddress);
        var second = ConsoleForms.Browser(app.BaseAddress);
        await SignInAtProviderAsync(first, person);
        await SignInAtProviderAsync(second, person);

        var signOut = await first.PostAsync("/console/sign-out", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await ConsoleForms.AntiforgeryTokenAsync(first, "/console"),
        }));
        var afterSignOut = await first.GetAsync("/console");
        var beforeExpiry = await second.GetAsync("/console");
        app.Clock.Advance(ConsoleAuthentication.SessionLifetime + TimeSpan.FromSeconds(1));
        var afterExpiry = await second.GetAsync("/console");

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.StartsWith("/console/sign-in", Location(afterSignOut), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, beforeExpiry.StatusCode);
        Assert.StartsWith("/console/sign-in", Location(afterExpiry), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_email_is_refused_with_a_clear_page_audited_and_no_account_is_created()
    {
        var email = $"stranger-{Guid.NewGuid():N}@example.org";
        var person = Provider.AddPerson(email);
        var browser = ConsoleForms.Browser(app.BaseAddress);
        var auditFrom = await LastAuditIdAsync();

        var back = await SignInAtProviderAsync(browser, person);
        var page = await browser.GetStringAsync(Location(back));
        var console = await browser.GetAsync("/console");

        Assert.Equal("/console/sign-in?failure=oidc-unknown-account", Location(back));
        Assert.Contains($"No Candor account uses the email address {OidcAppFixture.DisplayName} gave.", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, console.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email)));
        var refused = Assert.Single(await AuditSinceAsync(auditFrom));
        Assert.Equal(("anonymous", "sign-in-failed", "127.0.0.1"), (refused.Actor, refused.Action, refused.RemoteAddress));
        Assert.StartsWith("oidc-unknown-account: ", refused.Detail, StringComparison.Ordinal);
        Assert.Contains(email, refused.Detail, StringComparison.Ordinal);
        Assert.Contains(person.Subject, refused.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_disabled_person_is_refused_before_and_after_linking()
    {
        var (id, email) = await CreateReviewerAsync();
        var person = Provider.AddPerson(email);
        var linked = await SignInAtProviderAsync(ConsoleForms.Browser(app.BaseAddress), person);
        await app.WithDbAsync(db => ManageUsers.DisableAsync(db, app.Clock, "test", email, default));
        var (otherId, otherEmail) = await CreateReviewerAsync();
        await app.WithDbAsync(db => ManageUsers.DisableAsync(db, app.Clock, "test", otherEmail, default));
        var browser = ConsoleForms.Browser(app.BaseAddress);

        var afterLinking = await SignInAtProviderAsync(browser, person);
        var neverLinked = await SignInAtProviderAsync(browser, Provider.AddPerson(otherEmail));

        Assert.Equal("/console/sign-in/oidc/continue?returnUrl=%2Fconsole", Location(linked));
        Assert.Equal("/console/sign-in?failure=oidc-disabled", Location(afterLinking));
        Assert.Equal("/console/sign-in?failure=oidc-disabled", Location(neverLinked));
        Assert.Contains("This Candor account is disabled.", await browser.GetStringAsync(Location(neverLinked)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/console")).StatusCode);
        Assert.Null((await UserAsync(otherId)).OidcSubject);
        var refusals = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.Action == "sign-in-failed" && (e.Subject == $"user:{id}" || e.Subject == $"user:{otherId}")).CountAsync());
        Assert.Equal(2, refusals);
    }

    [Fact]
    public async Task An_unverified_email_is_refused_and_not_linked()
    {
        var (id, email) = await CreateReviewerAsync();
        var browser = ConsoleForms.Browser(app.BaseAddress);

        var back = await SignInAtProviderAsync(browser, Provider.AddPerson(email, emailVerified: false));

        Assert.Equal("/console/sign-in?failure=oidc-email-not-verified", Location(back));
        Assert.Contains("has not verified your email address", await browser.GetStringAsync(Location(back)), StringComparison.Ordinal);
        Assert.Null((await UserAsync(id)).OidcSubject);
    }

    [Fact]
    public async Task An_account_linked_to_another_identity_is_refused_until_its_sign_in_is_reset()
    {
        var (id, email) = await CreateReviewerAsync();
        var original = Provider.AddPerson(email);
        await SignInAtProviderAsync(ConsoleForms.Browser(app.BaseAddress), original);
        var newcomer = Provider.AddPerson(email);

        var refused = await SignInAtProviderAsync(ConsoleForms.Browser(app.BaseAddress), newcomer);
        await app.WithDbAsync(db => ManageUsers.ResetPasswordAsync(db, app.Clock, "test", email, default));
        var afterReset = await SignInAtProviderAsync(ConsoleForms.Browser(app.BaseAddress), newcomer);

        Assert.Equal("/console/sign-in?failure=oidc-linked-to-another", Location(refused));
        Assert.Equal("/console/sign-in/oidc/continue?returnUrl=%2Fconsole", Location(afterReset));
        Assert.Equal(newcomer.Subject, (await UserAsync(id)).OidcSubject);
    }

    [Theory]
    [InlineData(IdpFault.WrongNonce)]
    [InlineData(IdpFault.ForeignSignature)]
    public async Task An_id_token_with_a_wrong_nonce_or_a_foreign_signature_is_refused(IdpFault fault)
    {
        var (id, email) = await CreateReviewerAsync();
        var browser = ConsoleForms.Browser(app.BaseAddress);
        var auditFrom = await LastAuditIdAsync();

        var back = await SignInAtProviderAsync(browser, Provider.AddPerson(email), fault);

        Assert.Equal("/console/sign-in?failure=oidc-failed", Location(back));
        Assert.Contains($"The sign-in with {OidcAppFixture.DisplayName} did not complete or could not be verified.",
            await browser.GetStringAsync(Location(back)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/console")).StatusCode);
        Assert.Null((await UserAsync(id)).OidcSubject);
        var refused = Assert.Single(await AuditSinceAsync(auditFrom));
        Assert.Equal(("anonymous", "sign-in-failed", "127.0.0.1"), (refused.Actor, refused.Action, refused.RemoteAddress));
        Assert.StartsWith("oidc-failed: ", refused.Detail, StringComparison.Ordinal);
        Assert.Contains(fault == IdpFault.WrongNonce ? "nonce" : "signature", refused.Detail, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_tampered_state_or_a_callback_replayed_in_another_browser_is_refused()
    {
        var (id, email) = await CreateReviewerAsync();
        var person = Provider.AddPerson(email);

        var tampered = await SignInAtProviderAsync(ConsoleForms.Browser(app.BaseAddress), person,
            tamper: callback => callback.Replace("state=", "state=x", StringComparison.Ordinal));
        var otherBrowser = ConsoleForms.Browser(app.BaseAddress);
        var replayed = await SignInAtProviderAsync(ConsoleForms.Browser(app.BaseAddress), person, callbackBrowser: otherBrowser);

        Assert.Equal("/console/sign-in?failure=oidc-failed", Location(tampered));
        Assert.Equal("/console/sign-in?failure=oidc-failed", Location(replayed));
        Assert.Equal(HttpStatusCode.Redirect, (await otherBrowser.GetAsync("/console")).StatusCode);
        Assert.Null((await UserAsync(id)).OidcSubject);
    }

    [Fact]
    public async Task Roles_come_from_Candor_only_never_from_the_provider_s_claims()
    {
        // The test provider puts super-admin into "roles", "groups" and "candor:role" of every id_token.
        var (_, reviewerEmail) = await CreateReviewerAsync();
        var reviewer = ConsoleForms.Browser(app.BaseAddress);
        await SignInAtProviderAsync(reviewer, Provider.AddPerson(reviewerEmail));
        var platform = await app.CreatePlatformAsync("Roles platform");
        var adminEmail = $"o{Guid.NewGuid().ToString("N")[..12]}@example.org";
        await app.WithDbAsync(db => CreateUser.RunAsync(db, app.Clock, "test", adminEmail, Roles.Admin, platform.Id, null, null, default));
        var admin = ConsoleForms.Browser(app.BaseAddress);
        await SignInAtProviderAsync(admin, Provider.AddPerson(adminEmail));

        var reviewerInAdminArea = await reviewer.GetAsync("/console/admin");
        var adminOfPlatform = await admin.GetAsync($"/console/admin/{platform.Id}/users");
        await app.WithDbAsync(db => db.RoleAssignments.Where(r => r.PlatformId == platform.Id).ExecuteDeleteAsync());
        var afterRevoke = await admin.GetAsync($"/console/admin/{platform.Id}/users");

        Assert.Equal(HttpStatusCode.Forbidden, reviewerInAdminArea.StatusCode);
        Assert.Equal(HttpStatusCode.OK, adminOfPlatform.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, afterRevoke.StatusCode);
    }
}

public sealed class OidcSignInTests_Sqlite(OidcSqliteApp app) : OidcSignInTests(app), IClassFixture<OidcSqliteApp>;

public sealed class OidcSignInTests_Postgres(OidcPostgresApp app) : OidcSignInTests(app), IClassFixture<OidcPostgresApp>;
