using Candor.Data;
using Candor.Features.Identity;
using Candor.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Candor.Web.Pages.Console;

[EnableRateLimiting(RateLimits.SignIn)]
public sealed class SignInModel(CandorDb db, TimeProvider clock, IOptions<OidcSettings> oidc) : PageModel
{
    public string? Email { get; private set; }
    public string? Message { get; private set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    /// <summary>"Sign in with …", when an OpenID Connect provider is configured.</summary>
    public string? OidcDisplayName => oidc.Value.IsConfigured ? oidc.Value.DisplayName : null;
    public string OidcLink => "/console/sign-in/oidc?returnUrl=" + Uri.EscapeDataString(OidcEndpoints.LocalOrConsole(ReturnUrl));

    public void OnGet(string? failure)
    {
        if (oidc.Value.IsConfigured) Message = OidcMessages.For(failure, oidc.Value.DisplayName);
    }

    public async Task<IActionResult> OnPostAsync(string? email, string? password, CancellationToken ct)
    {
        Email = email;
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
        {
            Message = "Enter your email and password.";
            return Page();
        }
        var result = await Features.Identity.SignIn.RunAsync(db, clock, email, password, HttpContext.Connection.RemoteIpAddress?.ToString(), ct);
        switch (result.Outcome)
        {
            case SignInOutcome.SignedIn:
                var principal = await ConsoleAuthentication.PrincipalAsync(db, result.User!, ct);
                await HttpContext.SignInAsync(ConsoleAuthentication.Scheme, principal,
                    new AuthenticationProperties { IsPersistent = false, ExpiresUtc = clock.GetUtcNow() + ConsoleAuthentication.SessionLifetime });
                return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/console");
            case SignInOutcome.LockedOut:
                Message = "Too many failed attempts. Try again in a few minutes.";
                return Page();
            default:
                Message = "The email or password is not right.";
                return Page();
        }
    }
}
