using System.Net;

namespace Candor.Features.Identity;

/// <summary>
/// <c>Candor:Oidc</c>: the one OpenID Connect provider people may sign in to the console with (docs/security.md,
/// "Configuring OIDC"). Without an <see cref="Authority"/> only password sign-in exists.
/// </summary>
public sealed class OidcSettings
{
    public const string Section = "Candor:Oidc";

    /// <summary>The issuer's address; its discovery document is read from <c>{Authority}/.well-known/openid-configuration</c>.</summary>
    public string? Authority { get; set; }
    public string? ClientId { get; set; }
    /// <summary>Optional: a public client (no secret) still proves itself with PKCE.</summary>
    public string? ClientSecret { get; set; }
    /// <summary>Shown as "Sign in with {DisplayName}".</summary>
    public string DisplayName { get; set; } = "single sign-on";
    /// <summary>Space-separated; <c>openid</c> is always asked for.</summary>
    public string Scopes { get; set; } = "openid email";
    /// <summary>The id_token claim holding the email address that links the person to a Candor account.</summary>
    public string EmailClaim { get; set; } = "email";
    /// <summary>Refuse an email the provider has not verified (<c>email_verified</c> not true).</summary>
    public bool RequireVerifiedEmail { get; set; } = true;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Authority);

    public IReadOnlyList<string> ScopeList() =>
        ["openid", .. Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(s => s != "openid").Distinct(StringComparer.Ordinal)];

    /// <summary>Why these settings cannot work, or null. Checked at start so a typo stops the server instead of every sign-in.</summary>
    public string? Problem()
    {
        if (!Uri.TryCreate(Authority, UriKind.Absolute, out var authority)) return "Candor:Oidc:Authority must be an absolute URL.";
        if (authority.Scheme != Uri.UriSchemeHttps && !IsLoopback(authority))
            return "Candor:Oidc:Authority must use https (plain http is allowed only on a loopback address, for tests).";
        if (string.IsNullOrWhiteSpace(ClientId)) return "Candor:Oidc:ClientId is required when Candor:Oidc:Authority is set.";
        if (string.IsNullOrWhiteSpace(EmailClaim)) return "Candor:Oidc:EmailClaim must name a claim.";
        return null;
    }

    public static bool IsLoopback(Uri address) =>
        address.IsLoopback || (IPAddress.TryParse(address.Host, out var ip) && IPAddress.IsLoopback(ip));
}
