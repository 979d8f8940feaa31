using Candor.Data;
using Candor.Features.Identity;
using Candor.Features.Mail;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Candor.Web.Pages.Console.Admin;

/// <summary>
/// A page about one platform (<c>/console/admin/{platformId}/…</c>). Before any handler runs, the caller must be an
/// admin of that platform or a super-admin; everyone else gets 403 whatever the handler, so no handler can forget.
/// The one exception is reading: the platform's auditor ("read everything of the platform, change nothing") may GET
/// these pages, which then show no forms, and is refused every POST handler by the same check.
/// </summary>
public abstract class PlatformAdminPage(CandorDb db, IOptions<SmtpOptions> smtp) : PageModel
{
    protected CandorDb Db { get; } = db;
    [BindProperty(SupportsGet = true)] public long PlatformId { get; set; }
    public string PlatformName { get; private set; } = "";
    public string? Notice { get; protected set; }
    public string? Problem { get; protected set; }
    public bool MailConfigured => smtp.Value.IsConfigured;

    /// <summary>Whether the caller may change what the page shows (an admin or super-admin), not only read it (an auditor).</summary>
    public bool MayChange { get; private set; }

    protected AdminActor Actor => new(User.UserId(), User.IsSuperAdmin(), HttpContext.Connection.RemoteIpAddress?.ToString());

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        MayChange = User.Administers(PlatformId);
        var reading = HttpMethods.IsGet(Request.Method) || HttpMethods.IsHead(Request.Method);
        if (!MayChange && !(reading && User.MayReadAdministrationOf(PlatformId)))
        {
            context.Result = new ForbidResult(ConsoleAuthentication.Scheme);
            return;
        }
        var name = await Db.Platforms.Where(p => p.Id == PlatformId).Select(p => p.Name).FirstOrDefaultAsync(HttpContext.RequestAborted);
        if (name is null)
        {
            context.Result = NotFound();
            return;
        }
        PlatformName = name;
        await next();
    }
}
