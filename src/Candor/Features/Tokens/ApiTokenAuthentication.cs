using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Candor.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Candor.Features.Tokens;

/// <summary>Bearer API tokens: each authenticates one platform; the platform id travels as a claim and scopes every query.</summary>
public sealed class ApiTokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    CandorDb db, TimeProvider clock) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";
    public const string IngestPolicy = "ingest";
    public const string DecisionsWritePolicy = "decisions:write";
    public const string DecisionsReadPolicy = "decisions:read";
    public const string ReadPrivatePolicy = "read:private";
    public const string PlatformClaim = "candor:platform";
    public const string TokenClaim = "candor:token";
    public const string ScopeClaim = "candor:scope";

    /// <summary>Writing last-used on every call would make each ingest call a second write; once a minute is plenty.</summary>
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header)) return AuthenticateResult.NoResult();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.Fail("Use 'Authorization: Bearer <token>'.");
        var token = header["Bearer ".Length..].Trim();
        if (!TokenSecret.LooksValid(token)) return AuthenticateResult.Fail("The token is not valid.");
        var hash = TokenSecret.Hash(token);
        var found = await db.ApiTokens.AsNoTracking()
            .Where(t => t.Hash == hash)
            .Select(t => new { t.Id, t.PlatformId, t.Hash, t.Scopes, t.RevokedAt, t.ExpiresAt, t.LastUsedAt, t.LastUsedFrom })
            .FirstOrDefaultAsync(Context.RequestAborted);
        // The lookup is by hash; comparing again in constant time keeps timing independent of any prefix match.
        if (found is null || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(found.Hash), Encoding.ASCII.GetBytes(hash)))
            return AuthenticateResult.Fail("The token is not valid.");
        var now = clock.GetUtcNow();
        if (found.RevokedAt is not null || found.ExpiresAt <= now) return AuthenticateResult.Fail("The token is not valid.");
        if (found.LastUsedAt is null || found.LastUsedAt < now - LastUsedResolution)
            await RecordUseAsync(found.Id, found.PlatformId, found.LastUsedAt, found.LastUsedFrom, now);
        var claims = new List<Claim>
        {
            new(PlatformClaim, found.PlatformId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(TokenClaim, found.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        claims.AddRange(found.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => new Claim(ScopeClaim, s)));
        var identity = new ClaimsIdentity(claims, SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    /// <summary>
    /// At most once a minute per token (the only write a token's use costs): moves <c>last_used_at</c>, and when this is
    /// the first use in a new hour or from a new address, adds a <c>token-used</c> audit entry. The update is
    /// conditional, so of several nodes only one wins and writes the entry.
    /// </summary>
    private async Task RecordUseAsync(long tokenId, long platformId, DateTimeOffset? lastUsedAt, string? lastUsedFrom, DateTimeOffset now)
    {
        var cutoff = now - LastUsedResolution;
        var address = Context.Connection.RemoteIpAddress?.ToString();
        var won = await db.ApiTokens.Where(t => t.Id == tokenId && (t.LastUsedAt == null || t.LastUsedAt < cutoff))
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now).SetProperty(t => t.LastUsedFrom, address), Context.RequestAborted);
        if (won == 1 && TokenUse.Audited(lastUsedAt, lastUsedFrom, now, address))
        {
            Audit.AuditTrail.Record(db, clock, $"token:{tokenId}", "token-used", platformId, $"token:{tokenId}", address);
            await db.SaveChangesAsync(Context.RequestAborted);
        }
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        if (Infrastructure.TdbCompatibleErrors.Applies(Context))
        {
            await Response.WriteAsJsonAsync(new { message = Infrastructure.TdbCompatibleErrors.Unauthenticated });
            return;
        }
        var detail = result.Failure?.Message ?? "This endpoint needs an API token: 'Authorization: Bearer <token>' (see `candor token create`).";
        await Results.Problem(statusCode: 401, title: "Unauthorized", detail: detail).ExecuteAsync(Context);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        if (Infrastructure.TdbCompatibleErrors.Applies(Context))
        {
            await Response.WriteAsJsonAsync(new { message = Infrastructure.TdbCompatibleErrors.Unauthorized });
            return;
        }
        await Results.Problem(statusCode: 403, title: "Forbidden", detail: "This token does not have the scope this endpoint needs.").ExecuteAsync(Context);
    }
}

public static class PlatformClaims
{
    /// <summary>The platform the caller's token belongs to. Only called behind an authorization policy.</summary>
    public static long PlatformId(this ClaimsPrincipal user) =>
        long.Parse(user.FindFirstValue(ApiTokenAuthentication.PlatformClaim)
            ?? throw new InvalidOperationException("No platform claim: endpoint is missing its authorization policy."),
            System.Globalization.CultureInfo.InvariantCulture);
}
