using System.CommandLine;
using Candor.Cli;
using Candor.Data;
using Candor.Features.Audit;
using Candor.Features.Platforms;
using Microsoft.EntityFrameworkCore;

namespace Candor.Features.Identity;

public sealed record UserCreated(long Id, string Email, string? SetPasswordPath);

/// <summary>
/// <c>candor user create --email E --role R [--platform P] [--advertiser ID] [--password-stdin]</c>. Without a
/// password it prints a one-time link to set one; it never prompts.
/// </summary>
public static class CreateUser
{
    public static async Task<UserCreated> RunAsync(CandorDb db, TimeProvider clock, string actor, string email, string role,
        long? platformId, long? advertiserId, string? password, CancellationToken ct)
    {
        email = NormaliseEmail(email);
        if (!Roles.All.Contains(role)) throw new CliException($"Unknown role '{role}'; roles: {string.Join(", ", Roles.All)}.", CliHost.BadUsage);
        if (Roles.NeedsPlatform(role) && platformId is null) throw new CliException($"Role '{role}' needs --platform.", CliHost.BadUsage);
        if (Roles.NeedsAdvertiser(role) && advertiserId is null) throw new CliException("Role 'advertiser' needs --advertiser ID.", CliHost.BadUsage);
        if (password is not null && Passwords.Problem(password) is { } problem) throw new CliException(problem, CliHost.BadUsage);
        if (await db.Users.AnyAsync(u => u.Email == email, ct)) throw new CliException($"A user with email {email} already exists.");

        var now = clock.GetUtcNow();
        var user = new User { Email = email, SecurityStamp = Passwords.NewSecurityStamp(), CreatedAt = now };
        string? link = null;
        if (password is null) link = PasswordLinks.Issue(user, clock);
        else user.PasswordHash = Passwords.Hash(user, password);
        db.Users.Add(user);
        await db.SaveChangesAsync(ct);
        db.RoleAssignments.Add(new RoleAssignment { UserId = user.Id, Role = role, PlatformId = platformId, AdvertiserId = advertiserId, CreatedAt = now });
        AuditTrail.Record(db, clock, actor, "user-created", platformId, $"user:{user.Id}");
        AuditTrail.Record(db, clock, actor, "role-granted", platformId, $"user:{user.Id}", detail: role);
        await db.SaveChangesAsync(ct);
        return new UserCreated(user.Id, email, link);
    }

    public static string NormaliseEmail(string email) =>
        EmailAddress.TryNormalise(email, out var normalised) ? normalised : throw new CliException($"'{email}' is not an email address.", CliHost.BadUsage);

    public static Command Command()
    {
        var email = new Option<string>("--email") { Description = "The person's email address", Required = true };
        var role = new Option<string>("--role") { Description = "One of: " + string.Join(", ", Roles.All), Required = true };
        var platform = new Option<string?>("--platform") { Description = "The platform's slug (every role but super-admin)" };
        var advertiser = new Option<string?>("--advertiser") { Description = "The platform's advertiser id (role advertiser)" };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from the first line of standard input" };
        var command = new Command("create", "Create a console user; prints a one-time link to set the password unless --password-stdin")
            { email, role, platform, advertiser, passwordStdin };
        command.SetHandler(async (parse, ct) =>
        {
            string? password = null;
            if (parse.GetValue(passwordStdin))
                password = (await Console.In.ReadLineAsync(ct)) ?? throw new CliException("No password on standard input.", CliHost.BadUsage);
            await using var services = await CliHost.OpenAsync(parse, ct);
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CandorDb>();
            long? platformId = parse.GetValue(platform) is { } slug ? await PlatformLookup.IdOfAsync(db, slug, ct) : null;
            long? advertiserId = null;
            if (parse.GetValue(advertiser) is { } externalId)
            {
                if (platformId is null) throw new CliException("--advertiser needs --platform.", CliHost.BadUsage);
                advertiserId = await db.Advertisers.Where(a => a.PlatformId == platformId && a.ExternalId == externalId)
                    .Select(a => (long?)a.Id).FirstOrDefaultAsync(ct)
                    ?? throw new CliException($"Platform has no advertiser '{externalId}'.");
            }
            var created = await RunAsync(db, scope.ServiceProvider.GetRequiredService<TimeProvider>(), "cli",
                parse.GetValue(email)!, parse.GetValue(role)!, platformId, advertiserId, password, ct);
            Console.WriteLine($"User {created.Id} <{created.Email}> created.");
            if (created.SetPasswordPath is { } path)
                Console.WriteLine($"Send this one-time link to set a password (valid {PasswordLinks.Lifetime.TotalDays:0} days): {PasswordLinks.PublicUrl(path)}");
            return CliHost.Ok;
        });
        return command;
    }
}
