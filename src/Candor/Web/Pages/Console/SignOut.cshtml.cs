using Candor.Data;
using Candor.Features.Audit;
using Candor.Features.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Candor.Web.Pages.Console;

public sealed class SignOutModel(CandorDb db, TimeProvider clock) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        AuditTrail.Record(db, clock, "user:" + User.FindFirst(ConsoleAuthentication.UserIdClaim)?.Value, "sign-out",
            remoteAddress: HttpContext.Connection.RemoteIpAddress?.ToString());
        await db.SaveChangesAsync(ct);
        await HttpContext.SignOutAsync(ConsoleAuthentication.Scheme);
        return LocalRedirect("/console/sign-in");
    }
}
