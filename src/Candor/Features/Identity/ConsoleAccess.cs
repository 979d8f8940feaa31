using System.Globalization;
using System.Security.Claims;

namespace Candor.Features.Identity;

/// <summary>
/// What a signed-in person may do, read from the role claims (rebuilt from the database on every request by
/// <see cref="ConsoleAuthentication"/>). Pages check the platform in the route with these, and their queries filter by it.
/// </summary>
public static class ConsoleAccess
{
    /// <summary>Anyone who may open some part of <c>/console/admin</c>: an admin or auditor of a platform, or a super-admin.</summary>
    public const string AdminAreaPolicy = "console-admin-area";

    public static bool IsSuperAdmin(this ClaimsPrincipal user) => user.HasClaim(ConsoleAuthentication.RoleClaim, Roles.SuperAdmin);

    public static bool Administers(this ClaimsPrincipal user, long platformId) =>
        user.IsSuperAdmin() || user.HasClaim(ConsoleAuthentication.RoleClaim, ConsoleAuthentication.RoleValue(Roles.Admin, platformId, null));

    /// <summary>May read the platform's administration (its people, tokens and audit trail): its admin or auditor, or a super-admin.</summary>
    public static bool MayReadAdministrationOf(this ClaimsPrincipal user, long platformId) =>
        user.Administers(platformId) || user.HasClaim(ConsoleAuthentication.RoleClaim, ConsoleAuthentication.RoleValue(Roles.Auditor, platformId, null));

    /// <summary>The platforms on which the person holds one of <paramref name="roles"/> (not counting super-admin).</summary>
    public static IReadOnlyList<long> PlatformsWhere(this ClaimsPrincipal user, params string[] roles) =>
        user.FindAll(ConsoleAuthentication.RoleClaim).Select(c => c.Value.Split('@'))
            .Where(parts => parts.Length == 2 && roles.Contains(parts[0]) && !parts[1].Contains('/', StringComparison.Ordinal))
            .Select(parts => long.Parse(parts[1], CultureInfo.InvariantCulture)).Distinct().ToList();

    public static bool MayEnterAdminArea(this ClaimsPrincipal user) =>
        user.IsSuperAdmin() || user.PlatformsWhere(Roles.Admin, Roles.Auditor).Count > 0;

    public static long UserId(this ClaimsPrincipal user) =>
        long.Parse(user.FindFirstValue(ConsoleAuthentication.UserIdClaim)
            ?? throw new InvalidOperationException("No console user: page is missing its authorization policy."), CultureInfo.InvariantCulture);

    /// <summary>How the audit trail names this person.</summary>
    public static string Actor(this ClaimsPrincipal user) => "user:" + user.UserId().ToString(CultureInfo.InvariantCulture);
}
