using Candor.Data;
using Microsoft.EntityFrameworkCore;

namespace Candor.Features.Identity;

public enum UserState
{
    Active,
    /// <summary>Has not set a password yet (invited, or reset).</summary>
    Invited,
    LockedOut,
    Disabled,
}

public sealed record PlatformRole(long AssignmentId, string Role, string? AdvertiserExternalId);

public sealed record PlatformUser(long Id, string Email, UserState State, DateTimeOffset CreatedAt, IReadOnlyList<PlatformRole> Roles,
    bool HasRolesElsewhere);

/// <summary>
/// The people of one platform as its admins see them: those holding at least one role on it. Every query filters by
/// the platform, so another platform's people are simply not found.
/// </summary>
public static class PlatformUsers
{
    public static async Task<IReadOnlyList<PlatformUser>> ListAsync(CandorDb db, TimeProvider clock, long platformId, CancellationToken ct, long? userId = null)
    {
        var roles = await (from r in db.RoleAssignments.AsNoTracking()
                           where r.PlatformId == platformId && (userId == null || r.UserId == userId)
                           join a in db.Advertisers on r.AdvertiserId equals a.Id into ads
                           from a in ads.DefaultIfEmpty()
                           orderby r.Id
                           select new { r.UserId, Role = new PlatformRole(r.Id, r.Role, a == null ? null : a.ExternalId) }).ToListAsync(ct);
        var ids = roles.Select(r => r.UserId).Distinct().ToList();
        var elsewhere = await db.RoleAssignments.AsNoTracking()
            .Where(r => ids.Contains(r.UserId) && (r.PlatformId == null || r.PlatformId != platformId))
            .Select(r => r.UserId).Distinct().ToListAsync(ct);
        var users = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).OrderBy(u => u.Email).ToListAsync(ct);
        var now = clock.GetUtcNow();
        return users.Select(u => new PlatformUser(u.Id, u.Email, StateOf(u, now), u.CreatedAt,
            roles.Where(r => r.UserId == u.Id).Select(r => r.Role).ToList(), elsewhere.Contains(u.Id))).ToList();
    }

    public static async Task<PlatformUser?> FindAsync(CandorDb db, TimeProvider clock, long platformId, long userId, CancellationToken ct)
    {
        var found = await ListAsync(db, clock, platformId, ct, userId);
        return found.Count == 0 ? null : found[0];
    }

    public static UserState StateOf(User user, DateTimeOffset now) => user switch
    {
        { DisabledAt: not null } => UserState.Disabled,
        { LockedUntil: { } until } when until > now => UserState.LockedOut,
        { PasswordHash: null } => UserState.Invited,
        _ => UserState.Active,
    };
}
