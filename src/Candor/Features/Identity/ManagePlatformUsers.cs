using Candor.Data;
using Candor.Features.Audit;
using Candor.Features.Mail;
using Microsoft.EntityFrameworkCore;

namespace Candor.Features.Identity;

/// <summary>Who is changing what: the person, whether they are an instance super-admin, and where they are.</summary>
public sealed record AdminActor(long UserId, bool IsSuperAdmin, string? RemoteAddress)
{
    public string Name => "user:" + UserId.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// Permission changes made by a platform's admin in the console. Each returns null on success or what is wrong. An
/// admin of one platform cannot reach a person through another platform: the person must hold a role on this one,
/// and account-wide changes (disable, password reset) are refused for people who also work elsewhere.
/// </summary>
public static class ManagePlatformUsers
{
    private const string NotFound = "No such person on this platform.";

    public static async Task<string?> GrantAsync(CandorDb db, TimeProvider clock, AdminActor actor, long platformId, long userId,
        string role, string? advertiserExternalId, CancellationToken ct)
    {
        if (role == Roles.SuperAdmin || !Roles.All.Contains(role)) return "Choose one of the platform's roles.";
        if (!await OnPlatformAsync(db, platformId, userId, ct)) return NotFound;
        long? advertiserId = null;
        if (Roles.NeedsAdvertiser(role))
        {
            advertiserId = await AdvertiserIdAsync(db, platformId, advertiserExternalId, ct);
            if (advertiserId is null) return "The advertiser role needs the id of one of this platform's advertisers.";
        }
        if (await db.RoleAssignments.AnyAsync(r => r.UserId == userId && r.Role == role && r.PlatformId == platformId && r.AdvertiserId == advertiserId, ct))
            return "That person already holds this role.";
        db.RoleAssignments.Add(new RoleAssignment { UserId = userId, Role = role, PlatformId = platformId, AdvertiserId = advertiserId, CreatedAt = clock.GetUtcNow() });
        AuditTrail.Record(db, clock, actor.Name, "role-granted", platformId, $"user:{userId}", actor.RemoteAddress, role);
        await db.SaveChangesAsync(ct);
        return null;
    }

    public static async Task<string?> RevokeAsync(CandorDb db, TimeProvider clock, AdminActor actor, long platformId, long userId,
        long assignmentId, CancellationToken ct)
    {
        var assignment = await db.RoleAssignments.FirstOrDefaultAsync(r => r.Id == assignmentId && r.UserId == userId && r.PlatformId == platformId, ct);
        if (assignment is null) return NotFound;
        if (userId == actor.UserId && assignment.Role == Roles.Admin && !actor.IsSuperAdmin)
            return "You cannot remove your own admin role; ask another admin.";
        db.RoleAssignments.Remove(assignment);
        AuditTrail.Record(db, clock, actor.Name, "role-revoked", platformId, $"user:{userId}", actor.RemoteAddress, assignment.Role);
        await db.SaveChangesAsync(ct);
        return null;
    }

    public static async Task<string?> DisableAsync(CandorDb db, TimeProvider clock, AdminActor actor, long platformId, long userId, CancellationToken ct)
    {
        if (userId == actor.UserId) return "You cannot disable your own account.";
        if (await AccountWideProblemAsync(db, actor, platformId, userId, ct) is { } problem) return problem;
        var user = await db.Users.FirstAsync(u => u.Id == userId, ct);
        if (user.DisabledAt is not null) return "The account is already disabled.";
        user.DisabledAt = clock.GetUtcNow();
        user.SecurityStamp = Passwords.NewSecurityStamp();
        AuditTrail.Record(db, clock, actor.Name, "user-disabled", platformId, $"user:{userId}", actor.RemoteAddress);
        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>Clears the password, ends every session and emails a one-time link to set a new one.</summary>
    public static async Task<string?> ResetPasswordAsync(CandorDb db, TimeProvider clock, AdminActor actor, long platformId, long userId, CancellationToken ct)
    {
        if (await AccountWideProblemAsync(db, actor, platformId, userId, ct) is { } problem) return problem;
        var user = await db.Users.FirstAsync(u => u.Id == userId, ct);
        if (user.DisabledAt is not null) return "The account is disabled.";
        user.PasswordHash = null;
        // A reset also forgets the IdP link, so a person whose provider identity changed can link again by verified email.
        user.OidcIssuer = null;
        user.OidcSubject = null;
        user.SecurityStamp = Passwords.NewSecurityStamp();
        user.FailedSignIns = 0;
        user.LockedUntil = null;
        var link = PasswordLinks.PublicUrl(PasswordLinks.Issue(user, clock));
        Outbox.Enqueue(db, clock, "password-reset", user.Email, "Set a new Candor password",
            $"""
            Hello,

            An administrator reset your Candor console password. Choose a new one with this one-time link
            (valid {PasswordLinks.Lifetime.TotalDays:0} days):

            {link}

            If you did not expect this, tell your administrator.
            """, platformId, sensitive: true);
        AuditTrail.Record(db, clock, actor.Name, "password-reset", platformId, $"user:{userId}", actor.RemoteAddress);
        await db.SaveChangesAsync(ct);
        return null;
    }

    private static Task<bool> OnPlatformAsync(CandorDb db, long platformId, long userId, CancellationToken ct) =>
        db.RoleAssignments.AnyAsync(r => r.UserId == userId && r.PlatformId == platformId, ct);

    /// <summary>A platform admin may change a whole account only when it belongs to their platform alone.</summary>
    private static async Task<string?> AccountWideProblemAsync(CandorDb db, AdminActor actor, long platformId, long userId, CancellationToken ct)
    {
        if (!await OnPlatformAsync(db, platformId, userId, ct)) return NotFound;
        if (!actor.IsSuperAdmin && await db.RoleAssignments.AnyAsync(r => r.UserId == userId && (r.PlatformId == null || r.PlatformId != platformId), ct))
            return "This person also has access beyond this platform: revoke their roles here, or ask an instance administrator.";
        return null;
    }

    public static async Task<long?> AdvertiserIdAsync(CandorDb db, long platformId, string? externalId, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(externalId) ? null
            : await db.Advertisers.Where(a => a.PlatformId == platformId && a.ExternalId == externalId.Trim()).Select(a => (long?)a.Id).FirstOrDefaultAsync(ct);
}
