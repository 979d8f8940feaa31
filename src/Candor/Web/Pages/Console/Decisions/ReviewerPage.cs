using Candor.Data;
using Candor.Features.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Candor.Web.Pages.Console.Decisions;

/// <summary>
/// A page of the reviewers' decision console. The platform is one where the signed-in person is a reviewer, senior
/// reviewer, admin (who may write) or auditor (who may only read); anyone else gets 403 before any handler runs.
/// Every query of these pages filters by <see cref="PlatformId"/>.
/// </summary>
public abstract class ReviewerPage(CandorDb db) : PageModel
{
    private static readonly string[] Writers = [Roles.Reviewer, Roles.SeniorReviewer, Roles.Admin];
    private static readonly string[] Readers = [Roles.Reviewer, Roles.SeniorReviewer, Roles.Admin, Roles.Auditor];

    protected CandorDb Db { get; } = db;
    /// <summary>Which of the person's platforms; only needed by someone who reviews for several.</summary>
    [BindProperty(SupportsGet = true)] public long? Platform { get; set; }
    public long PlatformId { get; private set; }
    public string PlatformName { get; private set; } = "";
    public bool MayWrite { get; private set; }
    protected virtual bool NeedsWrite => false;

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var readable = User.PlatformsWhere(Readers);
        var chosen = Platform ?? (readable.Count > 0 ? readable[0] : (long?)null);
        if (chosen is not { } platformId || !readable.Contains(platformId))
        {
            context.Result = new ForbidResult(ConsoleAuthentication.Scheme);
            return;
        }
        MayWrite = User.PlatformsWhere(Writers).Contains(platformId);
        // A write handler (or the form itself) is refused to a reader, whatever the handler.
        if ((NeedsWrite || HttpMethods.IsPost(Request.Method)) && !MayWrite)
        {
            context.Result = new ForbidResult(ConsoleAuthentication.Scheme);
            return;
        }
        PlatformId = platformId;
        PlatformName = await Db.Platforms.Where(p => p.Id == platformId).Select(p => p.Name).FirstAsync(HttpContext.RequestAborted);
        await next();
    }
}
