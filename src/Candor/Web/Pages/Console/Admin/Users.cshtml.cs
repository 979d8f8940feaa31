using Candor.Data;
using Candor.Features.Identity;
using Candor.Features.Mail;
using Microsoft.Extensions.Options;

namespace Candor.Web.Pages.Console.Admin;

/// <summary>The people of a platform, and the invitation form.</summary>
public sealed class UsersModel(CandorDb db, TimeProvider clock, IOptions<SmtpOptions> smtp, OutboxSender sender) : PlatformAdminPage(db, smtp)
{
    /// <summary>Roles a platform admin may hand out; super-admin is given only with the CLI.</summary>
    public static readonly IReadOnlyList<string> PlatformRoles = Roles.All.Where(Roles.NeedsPlatform).ToList();

    public IReadOnlyList<PlatformUser> People { get; private set; } = [];
    public OutboxCounts Mail { get; private set; } = new(0, 0, 0);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task OnPostInviteAsync(string? email, string? role, string? advertiser, CancellationToken ct)
    {
        long? advertiserId = null;
        if (role == Roles.Advertiser)
        {
            advertiserId = await ManagePlatformUsers.AdvertiserIdAsync(Db, PlatformId, advertiser, ct);
            if (advertiserId is null) Problem = "The advertiser role needs the id of one of this platform's advertisers.";
        }
        if (Problem is null && role is not null && !PlatformRoles.Contains(role)) Problem = "Choose one of the platform's roles.";
        if (Problem is null)
        {
            var outcome = await InviteUser.RunAsync(Db, clock, User.Actor(), email ?? "", role ?? "", PlatformId, advertiserId,
                HttpContext.Connection.RemoteIpAddress?.ToString(), ct);
            Problem = outcome.Problem;
            if (outcome.Invitation is { } invitation)
            {
                sender.Wake();
                Notice = MailConfigured
                    ? $"Invitation sent to {invitation.Email}."
                    : $"Invitation for {invitation.Email} is queued; it is sent once email is configured.";
            }
        }
        await LoadAsync(ct);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        People = await PlatformUsers.ListAsync(Db, clock, PlatformId, ct);
        Mail = await Outbox.CountAsync(Db, PlatformId, ct);
    }
}
