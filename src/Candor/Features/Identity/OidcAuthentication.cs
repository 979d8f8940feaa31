using Candor.Data;
using Candor.Features.Audit;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Candor.Features.Identity;

/// <summary>
/// Optional OpenID Connect sign-in (authorization code flow with PKCE). The provider only proves who the person is;
/// the session is the console's own cookie (<see cref="ConsoleAuthentication"/>) with the roles Candor assigned.
/// </summary>
public static class OidcAuthentication
{
    public const string Scheme = "Oidc";
    public const string CallbackPath = "/signin-oidc";

    public static AuthenticationBuilder AddConsoleOidc(this AuthenticationBuilder builder, IConfiguration configuration)
    {
        var settings = configuration.GetSection(OidcSettings.Section).Get<OidcSettings>() ?? new OidcSettings();
        if (!settings.IsConfigured) return builder;
        if (settings.Problem() is { } problem) throw new Cli.CliException(problem);
        return builder.AddOpenIdConnect(Scheme, settings.DisplayName, o =>
        {
            o.Authority = settings.Authority;
            o.RequireHttpsMetadata = !OidcSettings.IsLoopback(new Uri(settings.Authority!));
            o.ClientId = settings.ClientId;
            o.ClientSecret = string.IsNullOrEmpty(settings.ClientSecret) ? null : settings.ClientSecret;
            o.ResponseType = OpenIdConnectResponseType.Code;
            // The code comes back in the query of a top-level GET, so the correlation and nonce cookies can be SameSite=Lax and
            // work over plain http too; form_post would need SameSite=None cookies. The code alone is useless without PKCE's verifier.
            o.ResponseMode = OpenIdConnectResponseMode.Query;
            o.UsePkce = true;
            o.CallbackPath = CallbackPath;
            o.Scope.Clear();
            foreach (var scope in settings.ScopeList()) o.Scope.Add(scope);
            o.SignInScheme = ConsoleAuthentication.Scheme;
            o.SaveTokens = false;
            o.GetClaimsFromUserInfoEndpoint = false;
            o.MapInboundClaims = false;
            o.DisableTelemetry = true;
            o.CorrelationCookie.SameSite = SameSiteMode.Lax;
            o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.NonceCookie.SameSite = SameSiteMode.Lax;
            o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Events.OnTicketReceived = context => OnTicketReceivedAsync(context, settings);
            o.Events.OnRemoteFailure = OnRemoteFailureAsync;
        });
    }

    /// <summary>
    /// Runs after every check of the handler (the id_token's signature, issuer, audience and lifetime, then the nonce):
    /// not in OnTokenValidated, which in the code flow runs before the nonce is checked. Here the person is matched to a
    /// Candor account and the provider's principal is replaced by Candor's own (roles from Candor only).
    /// </summary>
    private static async Task OnTicketReceivedAsync(TicketReceivedContext context, OidcSettings settings)
    {
        var http = context.HttpContext;
        var db = http.RequestServices.GetRequiredService<CandorDb>();
        var clock = http.RequestServices.GetRequiredService<TimeProvider>();
        var claims = context.Principal!;
        var verified = claims.FindFirst("email_verified")?.Value;
        var subject = claims.FindFirst("sub");
        var identity = new OidcIdentity(
            claims.FindFirst("iss")?.Value ?? subject?.Issuer ?? "",
            subject?.Value ?? "",
            claims.FindFirst(settings.EmailClaim)?.Value,
            string.Equals(verified, "true", StringComparison.OrdinalIgnoreCase));
        var result = await OidcSignIn.RunAsync(db, clock, identity, settings.RequireVerifiedEmail, http.Connection.RemoteIpAddress?.ToString(), http.RequestAborted);
        if (!result.SignedIn)
        {
            context.HandleResponse();
            context.Response.Redirect("/console/sign-in?failure=" + OidcSignIn.FailureCode(result.Outcome));
            return;
        }
        context.Principal = await ConsoleAuthentication.PrincipalAsync(db, result.User!, http.RequestAborted);
        // The same session as a password sign-in: not persistent, absolute expiry.
        context.Properties!.IsPersistent = false;
        context.Properties.ExpiresUtc = clock.GetUtcNow() + ConsoleAuthentication.SessionLifetime;
    }

    /// <summary>A bad state, a missing correlation cookie, a bad signature or nonce, or an error from the provider.</summary>
    private static async Task OnRemoteFailureAsync(RemoteFailureContext context)
    {
        var http = context.HttpContext;
        var db = http.RequestServices.GetRequiredService<CandorDb>();
        var clock = http.RequestServices.GetRequiredService<TimeProvider>();
        var reason = context.Failure?.Message.Split('\n')[0] ?? "unknown";
        AuditTrail.Record(db, clock, "anonymous", "sign-in-failed", remoteAddress: http.Connection.RemoteIpAddress?.ToString(),
            detail: "oidc-failed: " + reason);
        await db.SaveChangesAsync(http.RequestAborted);
        context.HandleResponse();
        context.Response.Redirect("/console/sign-in?failure=oidc-failed");
    }
}
