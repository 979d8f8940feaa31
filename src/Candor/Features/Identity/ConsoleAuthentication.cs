using System.Globalization;
using System.Security.Claims;
using Candor.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;

namespace Candor.Features.Identity;

/// <summary>
/// Cookie sign-in for the console. Each request re-checks the account in the database: a disabled account or a
/// changed password (new security stamp) ends the session at once, not when the cookie expires.
/// </summary>
public static class ConsoleAuthentication
{
    public const string Scheme = "Console";
    public const string Policy = "console";
    public const string UserIdClaim = "candor:user";
    public const string StampClaim = "candor:stamp";
    public const string RoleClaim = "candor:role";
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(8);

    public static AuthenticationBuilder AddConsoleCookie(this AuthenticationBuilder builder) =>
        builder.AddCookie(Scheme, o =>
        {
            o.Cookie.Name = "candor.console";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = SessionLifetime;
            o.SlidingExpiration = false;
            o.LoginPath = "/console/sign-in";
            o.LogoutPath = "/console/sign-out";
            // A signed-in person without the role a page needs gets a plain 403, not a redirect loop.
            o.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
            o.Events.OnValidatePrincipal = ValidateAsync;
        });

    public static async Task<ClaimsPrincipal> PrincipalAsync(CandorDb db, User user, CancellationToken ct)
    {
        var roles = await db.RoleAssignments.AsNoTracking().Where(r => r.UserId == user.Id).ToListAsync(ct);
        var claims = new List<Claim>
        {
            new(UserIdClaim, user.Id.ToString(CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, user.Email),
            new(StampClaim, user.SecurityStamp),
        };
        claims.AddRange(roles.Select(r => new Claim(RoleClaim, RoleValue(r.Role, r.PlatformId, r.AdvertiserId))));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme));
    }

    /// <summary>A role as a claim value: <c>reviewer@3</c> (platform 3), <c>advertiser@3/17</c>, <c>super-admin</c>.</summary>
    public static string RoleValue(string role, long? platformId, long? advertiserId) =>
        platformId is null ? role : advertiserId is null
            ? string.Create(CultureInfo.InvariantCulture, $"{role}@{platformId}")
            : string.Create(CultureInfo.InvariantCulture, $"{role}@{platformId}/{advertiserId}");

    /// <summary>
    /// Re-reads the account and its roles on every request: a disabled account or a changed password ends the session,
    /// and a granted or revoked role applies from the next request, not from the next sign-in.
    /// </summary>
    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var id = context.Principal?.FindFirstValue(UserIdClaim);
        var stamp = context.Principal?.FindFirstValue(StampClaim);
        var db = context.HttpContext.RequestServices.GetRequiredService<CandorDb>();
        var ct = context.HttpContext.RequestAborted;
        var user = long.TryParse(id, CultureInfo.InvariantCulture, out var userId)
            ? await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId && u.SecurityStamp == stamp && u.DisabledAt == null, ct)
            : null;
        if (user is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Scheme);
            return;
        }
        context.ReplacePrincipal(await PrincipalAsync(db, user, ct));
    }
}
