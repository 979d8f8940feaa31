using Candor.Data;
using Candor.Features.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Candor.Web.Pages.Console;

public sealed class IndexModel(CandorDb db) : PageModel
{
    public IReadOnlyList<string> Roles { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var userId = long.Parse(User.FindFirst(ConsoleAuthentication.UserIdClaim)!.Value, System.Globalization.CultureInfo.InvariantCulture);
        Roles = await (from r in db.RoleAssignments.AsNoTracking()
                       where r.UserId == userId
                       join p in db.Platforms on r.PlatformId equals p.Id into ps
                       from p in ps.DefaultIfEmpty()
                       select p == null ? r.Role : r.Role + " on " + p.Name).ToListAsync(ct);
    }
}
