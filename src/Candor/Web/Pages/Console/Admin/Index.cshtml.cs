using Candor.Data;
using Candor.Features.Identity;
using Candor.Features.Mail;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Candor.Web.Pages.Console.Admin;

public sealed record AdministeredPlatform(long Id, string Name, bool Admin);

/// <summary>The platforms the person administers or audits, and whether mail goes out.</summary>
public sealed class IndexModel(CandorDb db, IOptions<SmtpOptions> smtp) : PageModel
{
    public IReadOnlyList<AdministeredPlatform> Platforms { get; private set; } = [];
    public bool MailConfigured => smtp.Value.IsConfigured;
    public OutboxCounts Mail { get; private set; } = new(0, 0, 0);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var superAdmin = User.IsSuperAdmin();
        var visible = User.PlatformsWhere(Roles.Admin, Roles.Auditor);
        var administered = User.PlatformsWhere(Roles.Admin);
        Platforms = await db.Platforms.AsNoTracking().Where(p => superAdmin || visible.Contains(p.Id)).OrderBy(p => p.Name)
            .Select(p => new AdministeredPlatform(p.Id, p.Name, superAdmin || administered.Contains(p.Id))).ToListAsync(ct);
        if (superAdmin) Mail = await Outbox.CountAsync(db, null, ct);
    }
}
