using Candor.Data;
using Candor.Features.Audit;
using Candor.Features.Tokens;
using Microsoft.EntityFrameworkCore;

namespace Candor.Features.Identity;

/// <summary>Sets a password from a one-time link; the link then stops working.</summary>
public static class SetPassword
{
    public static async Task<string?> FindAsync(CandorDb db, TimeProvider clock, string? token, CancellationToken ct)
    {
        if (token is null || !TokenSecret.LooksValid(token)) return null;
        var hash = TokenSecret.Hash(token);
        var now = clock.GetUtcNow();
        return await db.Users.Where(u => u.PasswordLinkHash == hash && u.PasswordLinkExpiresAt > now && u.DisabledAt == null)
            .Select(u => u.Email).FirstOrDefaultAsync(ct);
    }

    /// <summary>Returns null on success, else what is wrong (a bad password, or a used or expired link).</summary>
    public static async Task<string?> RunAsync(CandorDb db, TimeProvider clock, string? token, string? password, string? remoteAddress, CancellationToken ct)
    {
        if (Passwords.Problem(password) is { } problem) return problem;
        if (token is null || !TokenSecret.LooksValid(token)) return "This link is not valid.";
        var hash = TokenSecret.Hash(token);
        var now = clock.GetUtcNow();
        var user = await db.Users.FirstOrDefaultAsync(u => u.PasswordLinkHash == hash && u.PasswordLinkExpiresAt > now && u.DisabledAt == null, ct);
        if (user is null) return "This link was used already or has expired. Ask your administrator for a new one.";
        user.PasswordHash = Passwords.Hash(user, password!);
        user.PasswordLinkHash = null;
        user.PasswordLinkExpiresAt = null;
        user.SecurityStamp = Passwords.NewSecurityStamp();
        AuditTrail.Record(db, clock, $"user:{user.Id}", "password-set", remoteAddress: remoteAddress);
        await db.SaveChangesAsync(ct);
        return null;
    }
}
