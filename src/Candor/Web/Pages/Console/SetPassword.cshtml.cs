using Candor.Data;
using Candor.Features.Identity;
using Candor.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Candor.Web.Pages.Console;

[EnableRateLimiting(RateLimits.SignIn)]
public sealed class SetPasswordModel(CandorDb db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }
    public string? Email { get; private set; }
    public string? Message { get; private set; }
    public bool Done { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Email = await SetPassword.FindAsync(db, clock, Token, ct);

    public async Task OnPostAsync(string? password, CancellationToken ct)
    {
        Email = await SetPassword.FindAsync(db, clock, Token, ct);
        Message = await SetPassword.RunAsync(db, clock, Token, password, HttpContext.Connection.RemoteIpAddress?.ToString(), ct);
        Done = Message is null;
    }
}
