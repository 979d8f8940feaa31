using System.Text.Encodings.Web;
using Candor.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Candor.Features.Identity;

/// <summary>
/// <c>/console/sign-in/oidc</c> sends the browser to the provider; the provider sends it back to <c>/signin-oidc</c>
/// (handled by <see cref="OidcAuthentication"/>), which continues at <c>/console/sign-in/oidc/continue</c>.
/// </summary>
public static class OidcEndpoints
{
    public static IEndpointRouteBuilder MapOidcSignInEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/console/sign-in/oidc").AllowAnonymous().ExcludeFromDescription();
        group.MapGet("", Challenge).RequireRateLimiting(RateLimits.Public);
        group.MapGet("/continue", Continue).RequireRateLimiting(RateLimits.Public);
        return app;
    }

    private static IResult Challenge(IOptions<OidcSettings> settings, string? returnUrl)
    {
        if (!settings.Value.IsConfigured) return Results.NotFound();
        var properties = new AuthenticationProperties { RedirectUri = "/console/sign-in/oidc/continue?returnUrl=" + Uri.EscapeDataString(LocalOrConsole(returnUrl)) };
        return Results.Challenge(properties, [OidcAuthentication.Scheme]);
    }

    /// <summary>
    /// The console cookie is SameSite=Strict, and a browser does not send it on a redirect chain that started at the
    /// provider's site. This page's refresh is a navigation started by Candor's own page, so the cookie goes with it.
    /// </summary>
    private static IResult Continue(string? returnUrl)
    {
        var target = HtmlEncoder.Default.Encode(LocalOrConsole(returnUrl));
        return Results.Content($"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url={target}">
            <title>Signed in · Candor</title><link rel="stylesheet" href="/site.css"></head>
            <body><main id="content"><p>You are signed in. <a href="{target}">Continue to the console</a>.</p></main></body></html>
            """, "text/html; charset=utf-8");
    }

    /// <summary>Only paths on this site: never an open redirect.</summary>
    public static string LocalOrConsole(string? returnUrl) =>
        returnUrl is { Length: > 0 } && returnUrl[0] == '/' && (returnUrl.Length == 1 || (returnUrl[1] != '/' && returnUrl[1] != '\\'))
            && !returnUrl.Contains('\r', StringComparison.Ordinal) && !returnUrl.Contains('\n', StringComparison.Ordinal)
            ? returnUrl : "/console";
}
