using Candor.Data;
using Candor.Features.Identity;
using Candor.Features.Mail;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Candor.Web.Pages.Console.Admin;

/// <summary>One person of a platform: grant and revoke roles, disable, reset the password.</summary>
public sealed class UserDetailModel(CandorDb db, TimeProvider clock, IOptions<SmtpOptions> smtp, OutboxSender sender) : PlatformAdminPage(db, smtp)
{
    [BindProperty(SupportsGet = true)] public long UserId { get; set; }
    public PlatformUser Person { get; private set; } = null!;

    public Task<IActionResult> OnGetAsync(CancellationToken ct) => ShowAsync(ct);

    public async Task<IActionResult> OnPostGrantAsync(string? role, string? advertiser, CancellationToken ct)
    {
        Problem = await ManagePlatformUsers.GrantAsync(Db, clock, Actor, PlatformId, UserId, role ?? "", advertiser, ct);
        Notice = Problem is null ? $"Role {role} granted." : null;
        return await ShowAsync(ct);
    }

    public async Task<IActionResult> OnPostRevokeAsync(long assignmentId, CancellationToken ct)
    {
        Problem = await ManagePlatformUsers.RevokeAsync(Db, clock, Actor, PlatformId, UserId, assignmentId, ct);
        Notice = Problem is null ? "Role revoked." : null;
        return await ShowAsync(ct);
    }

    public async Task<IActionResult> OnPostDisableAsync(CancellationToken ct)
    {
        Problem = await ManagePlatformUsers.DisableAsync(Db, clock, Actor, PlatformId, UserId, ct);
        Notice = Problem is null ? "Account disabled; its sessions have ended." : null;
        return await ShowAsync(ct);
    }

    public async Task<IActionResult> OnPostResetAsync(CancellationToken ct)
    {
        Problem = await ManagePlatformUsers.ResetPasswordAsync(Db, clock, Actor, PlatformId, UserId, ct);
        if (Problem is null)
        {
            sender.Wake();
            Notice = MailConfigured ? "Password cleared; a link to set a new one was emailed." : "Password cleared; the email with a new link is queued.";
        }
        return await ShowAsync(ct);
    }

    private async Task<IActionResult> ShowAsync(CancellationToken ct)
    {
        var person = await PlatformUsers.FindAsync(Db, clock, PlatformId, UserId, ct);
        if (person is null) return NotFound();
        Person = person;
        return Page();
    }
}
