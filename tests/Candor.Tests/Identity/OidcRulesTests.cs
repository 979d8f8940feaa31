using Candor.Features.Identity;

namespace Candor.Tests.Identity;

/// <summary>The pure parts of OpenID Connect sign-in: who is let in, the settings check, the redirect target.</summary>
public sealed class OidcRulesTests
{
    private static readonly DateTimeOffset Then = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private static User Account(string? subject = null, bool disabled = false) => new()
    {
        Email = "person@example.org", SecurityStamp = "s", OidcIssuer = subject is null ? null : "https://idp.example",
        OidcSubject = subject, DisabledAt = disabled ? Then : null,
    };

    private static OidcIdentity Identity(string? email = "person@example.org", bool verified = true) =>
        new("https://idp.example", "sub-1", email, verified);

    [Fact]
    public void An_identity_without_issuer_or_subject_is_never_linked()
    {
        Assert.Equal(OidcOutcome.NoSubject, OidcSignIn.Decide(Identity() with { Subject = "" }, null, Account(), true));
        Assert.Equal(OidcOutcome.NoSubject, OidcSignIn.Decide(Identity() with { Issuer = "" }, null, Account(), true));
    }

    [Fact]
    public void A_subject_linked_before_signs_in_whatever_the_email_says()
    {
        Assert.Equal(OidcOutcome.SignedIn, OidcSignIn.Decide(Identity(email: null, verified: false), Account("sub-1"), null, true));
        Assert.Equal(OidcOutcome.Disabled, OidcSignIn.Decide(Identity(), Account("sub-1", disabled: true), null, true));
    }

    [Fact]
    public void A_first_sign_in_links_only_a_verified_email_of_an_active_unlinked_account()
    {
        Assert.Equal(OidcOutcome.LinkedAndSignedIn, OidcSignIn.Decide(Identity(), null, Account(), true));
        Assert.Equal(OidcOutcome.NoEmail, OidcSignIn.Decide(Identity(email: " "), null, Account(), true));
        Assert.Equal(OidcOutcome.UnknownAccount, OidcSignIn.Decide(Identity(), null, null, true));
        Assert.Equal(OidcOutcome.LinkedToAnotherIdentity, OidcSignIn.Decide(Identity(), null, Account("sub-2"), true));
        Assert.Equal(OidcOutcome.Disabled, OidcSignIn.Decide(Identity(), null, Account(disabled: true), true));
    }

    [Fact]
    public void An_unverified_email_says_nothing_about_the_account_unless_verification_is_off()
    {
        Assert.Equal(OidcOutcome.EmailNotVerified, OidcSignIn.Decide(Identity(verified: false), null, null, true));
        Assert.Equal(OidcOutcome.EmailNotVerified, OidcSignIn.Decide(Identity(verified: false), null, Account(), true));
        Assert.Equal(OidcOutcome.LinkedAndSignedIn, OidcSignIn.Decide(Identity(verified: false), null, Account(), false));
    }

    [Theory]
    [InlineData(null, "x", "Candor:Oidc:Authority must be an absolute URL.")]
    [InlineData("idp.example", "x", "Candor:Oidc:Authority must be an absolute URL.")]
    [InlineData("http://idp.example", "x", "Candor:Oidc:Authority must use https (plain http is allowed only on a loopback address, for tests).")]
    [InlineData("https://idp.example", "", "Candor:Oidc:ClientId is required when Candor:Oidc:Authority is set.")]
    [InlineData("https://idp.example/realms/x", "candor", null)]
    [InlineData("http://127.0.0.1:8080", "candor", null)]
    [InlineData("http://localhost:8080", "candor", null)]
    public void Settings_that_cannot_work_are_named_at_start(string? authority, string clientId, string? problem) =>
        Assert.Equal(problem, new OidcSettings { Authority = authority, ClientId = clientId }.Problem());

    [Fact]
    public void Openid_is_always_asked_for_once()
    {
        Assert.Equal(["openid", "email"], new OidcSettings { Scopes = "email openid  email" }.ScopeList());
        Assert.Equal(["openid"], new OidcSettings { Scopes = "" }.ScopeList());
    }

    [Theory]
    [InlineData("/console/decisions?x=1", "/console/decisions?x=1")]
    [InlineData("/", "/")]
    [InlineData(null, "/console")]
    [InlineData("https://evil.example/", "/console")]
    [InlineData("//evil.example/", "/console")]
    [InlineData("/\\evil.example/", "/console")]
    [InlineData("/console\r\nSet-Cookie: x", "/console")]
    public void Only_local_paths_are_followed_after_sign_in(string? returnUrl, string expected) =>
        Assert.Equal(expected, OidcEndpoints.LocalOrConsole(returnUrl));

    [Fact]
    public void Every_refusal_has_its_own_message_and_unknown_codes_a_generic_one()
    {
        var codes = new[] { OidcOutcome.NoEmail, OidcOutcome.EmailNotVerified, OidcOutcome.UnknownAccount, OidcOutcome.LinkedToAnotherIdentity, OidcOutcome.Disabled }
            .Select(OidcSignIn.FailureCode).Append("oidc-failed").ToList();
        var messages = codes.Select(code => OidcMessages.For(code, "Acme SSO")).ToList();

        Assert.Equal(codes.Count, messages.Distinct().Count());
        Assert.Equal(OidcMessages.For("oidc-failed", "Acme SSO"), OidcMessages.For("<script>", "Acme SSO"));
        Assert.Null(OidcMessages.For(null, "Acme SSO"));
    }
}
