using Candor.Data;
using Candor.Features.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Candor.Web.Pages.Console.Findings;

/// <summary>
/// A page of the screening findings console. Reviewers and senior reviewers of the platform read and decide; auditors
/// and admins only read; anyone else gets 403 before any handler runs. Every query of these pages filters by
/// <see cref="PlatformId"/>.
/// </summary>
public abstract class FindingsPage(CandorDb db) : PageModel
{
    private static readonly string[] Writers = [Roles.Reviewer, Roles.SeniorReviewer];
    private static readonly string[] Readers = [Roles.Reviewer, Roles.SeniorReviewer, Roles.Auditor, Roles.Admin];

    protected CandorDb Db { get; } = db;
    /// <summary>Which of the person's platforms; only needed by someone who reviews for several.</summary>
    [BindProperty(SupportsGet = true)] public long? Platform { get; set; }
    public long PlatformId { get; private set; }
    public string PlatformName { get; private set; } = "";
    public bool MayWrite { get; private set; }
    /// <summary>A senior reviewer may turn a cleared finding into a confirmed one and back.</summary>
    public bool MayRedecide { get; private set; }

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
        MayRedecide = User.PlatformsWhere(Roles.SeniorReviewer).Contains(platformId);
        if (HttpMethods.IsPost(Request.Method) && !MayWrite)
        {
            context.Result = new ForbidResult(ConsoleAuthentication.Scheme);
            return;
        }
        PlatformId = platformId;
        PlatformName = await Db.Platforms.Where(p => p.Id == platformId).Select(p => p.Name).FirstAsync(HttpContext.RequestAborted);
        await next();
    }

    public static string When(DateTimeOffset? at) => at?.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture) ?? "—";

    public static string Score(double score) => score.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
}
