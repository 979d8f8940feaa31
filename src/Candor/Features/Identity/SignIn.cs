using Candor.Data;
using Candor.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace Candor.Features.Identity;

public enum SignInOutcome
{
    SignedIn,
    /// <summary>Wrong email, wrong password, disabled or not yet set up: one answer, so nothing is revealed.</summary>
    Refused,
    LockedOut,
}

public sealed record SignInResult(SignInOutcome Outcome, User? User = null);

/// <summary>Checks a console sign-in; locks the account for a while after repeated failures.</summary>
public static class SignIn
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan LockoutTime = TimeSpan.FromMinutes(15);

    public static async Task<SignInResult> RunAsync(CandorDb db, TimeProvider clock, string email, string password, string? remoteAddress, CancellationToken ct)
    {
        var normalised = email.Trim().ToLowerInvariant();
        var now = clock.GetUtcNow();
        var user = normalised.Length > 320 ? null : await db.Users.FirstOrDefaultAsync(u => u.Email == normalised, ct);
        if (user?.LockedUntil > now)
        {
            AuditTrail.Record(db, clock, "anonymous", "sign-in-locked", subject: $"user:{user.Id}", remoteAddress: remoteAddress);
            await db.SaveChangesAsync(ct);
            return new SignInResult(SignInOutcome.LockedOut);
        }
        var passwordOk = Passwords.Verify(user, password.Length > Passwords.MaxLength ? "" : password);
        if (user is null || !passwordOk || user.DisabledAt is not null)
        {
            if (user is not null && !passwordOk && ++user.FailedSignIns >= MaxFailures)
            {
                user.LockedUntil = now + LockoutTime;
                user.FailedSignIns = 0;
            }
            AuditTrail.Record(db, clock, "anonymous", "sign-in-failed", subject: user is null ? null : $"user:{user.Id}", remoteAddress: remoteAddress);
            await db.SaveChangesAsync(ct);
            return new SignInResult(SignInOutcome.Refused);
        }
        user.FailedSignIns = 0;
        user.LockedUntil = null;
        AuditTrail.Record(db, clock, $"user:{user.Id}", "sign-in", remoteAddress: remoteAddress);
        await db.SaveChangesAsync(ct);
        return new SignInResult(SignInOutcome.SignedIn, user);
    }
}
