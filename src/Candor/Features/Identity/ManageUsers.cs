using System.CommandLine;
using System.Text.Json;
using Candor.Cli;
using Candor.Data;
using Candor.Features.Audit;
using Candor.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Candor.Features.Identity;

public sealed record UserSummary(long Id, string Email, bool HasPassword, bool Disabled, IReadOnlyList<string> Roles);

/// <summary><c>candor user list|disable|reset-password</c>.</summary>
public static class ManageUsers
{
    public static async Task<bool> DisableAsync(CandorDb db, TimeProvider clock, string actor, string email, CancellationToken ct)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Email == CreateUser.NormaliseEmail(email), ct);
        if (user is null || user.DisabledAt is not null) return false;
        user.DisabledAt = clock.GetUtcNow();
        user.SecurityStamp = Passwords.NewSecurityStamp();
        AuditTrail.Record(db, clock, actor, "user-disabled", subject: $"user:{user.Id}");
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Clears the password, ends every session and returns a new one-time link.</summary>
    public static async Task<string?> ResetPasswordAsync(CandorDb db, TimeProvider clock, string actor, string email, CancellationToken ct)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Email == CreateUser.NormaliseEmail(email), ct);
        if (user is null) return null;
        user.PasswordHash = null;
        // A reset also forgets the IdP link, so a person whose provider identity changed can link again by verified email.
        user.OidcIssuer = null;
        user.OidcSubject = null;
        user.SecurityStamp = Passwords.NewSecurityStamp();
        user.FailedSignIns = 0;
        user.LockedUntil = null;
        var link = PasswordLinks.Issue(user, clock);
        AuditTrail.Record(db, clock, actor, "password-reset", subject: $"user:{user.Id}");
        await db.SaveChangesAsync(ct);
        return link;
    }

    public static Command[] Commands()
    {
        var list = new Command("list", "List console users as JSON lines");
        list.SetHandler(async (parse, ct) =>
        {
            await using var services = await CliHost.OpenAsync(parse, ct);
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CandorDb>();
            var users = await db.Users.AsNoTracking().OrderBy(u => u.Id).ToListAsync(ct);
            var roles = await (from r in db.RoleAssignments
                               join p in db.Platforms on r.PlatformId equals p.Id into ps
                               from p in ps.DefaultIfEmpty()
                               select new { r.UserId, r.Role, Platform = p == null ? null : p.Slug }).ToListAsync(ct);
            foreach (var u in users)
            {
                var held = roles.Where(r => r.UserId == u.Id).Select(r => r.Platform is null ? r.Role : $"{r.Role}@{r.Platform}").ToList();
                Console.WriteLine(JsonSerializer.Serialize(new UserSummary(u.Id, u.Email, u.PasswordHash is not null, u.DisabledAt is not null, held), CandorJson.Output));
            }
            return CliHost.Ok;
        });

        var email = new Option<string>("--email") { Description = "The person's email address", Required = true };
        var disable = new Command("disable", "Disable a user; their sessions end at once") { email };
        disable.SetHandler(async (parse, ct) =>
        {
            await using var services = await CliHost.OpenAsync(parse, ct);
            await using var scope = services.CreateAsyncScope();
            if (!await DisableAsync(scope.ServiceProvider.GetRequiredService<CandorDb>(), scope.ServiceProvider.GetRequiredService<TimeProvider>(), "cli", parse.GetValue(email)!, ct))
                throw new CliException("No active user with that email.");
            Console.WriteLine("User disabled.");
            return CliHost.Ok;
        });

        var resetEmail = new Option<string>("--email") { Description = "The person's email address", Required = true };
        var reset = new Command("reset-password", "Clear a user's password and print a one-time link to set a new one") { resetEmail };
        reset.SetHandler(async (parse, ct) =>
        {
            await using var services = await CliHost.OpenAsync(parse, ct);
            await using var scope = services.CreateAsyncScope();
            var link = await ResetPasswordAsync(scope.ServiceProvider.GetRequiredService<CandorDb>(), scope.ServiceProvider.GetRequiredService<TimeProvider>(), "cli", parse.GetValue(resetEmail)!, ct)
                ?? throw new CliException("No user with that email.");
            Console.WriteLine($"One-time link to set a new password (valid {PasswordLinks.Lifetime.TotalDays:0} days): {PasswordLinks.PublicUrl(link)}");
            return CliHost.Ok;
        });
        return [list, disable, reset];
    }
}
