using System.CommandLine;
using Candor.Cli;
using Candor.Data;
using Candor.Features.Audit;
using Candor.Features.Mail;
using Candor.Features.Platforms;
using Microsoft.EntityFrameworkCore;

namespace Candor.Features.Identity;

public sealed record Invitation(long UserId, string Email, bool NewAccount, long MailId);

/// <summary>Either the invitation, or what is wrong with the request (shown to the admin as is).</summary>
public sealed record InviteOutcome(Invitation? Invitation, string? Problem);

/// <summary>
/// An admin invites a person by email: the account is created without a password (or, when the email already has
/// one, the role is added to it) and an email with a one-time set-password link is queued in the same transaction.
/// </summary>
public static class InviteUser
{
    public const string MailKind = "invitation";

    public static async Task<InviteOutcome> RunAsync(CandorDb db, TimeProvider clock, string actor, string email, string role,
        long? platformId, long? advertiserId, string? remoteAddress, CancellationToken ct)
    {
        if (Problem(role, platformId, advertiserId) is { } problem) return new InviteOutcome(null, problem);
        if (!EmailAddress.TryNormalise(email, out var address)) return new InviteOutcome(null, $"'{email}' is not an email address.");
        var platformName = platformId is null ? "Candor" : await db.Platforms.Where(p => p.Id == platformId).Select(p => p.Name).FirstOrDefaultAsync(ct);
        if (platformName is null) return new InviteOutcome(null, "No such platform.");

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        var user = await db.Users.FirstOrDefaultAsync(u => u.Email == address, ct);
        var newAccount = user is null;
        if (user is null)
        {
            user = new User { Email = address, SecurityStamp = Passwords.NewSecurityStamp(), CreatedAt = now };
            db.Users.Add(user);
            await db.SaveChangesAsync(ct);
            AuditTrail.Record(db, clock, actor, "user-created", platformId, $"user:{user.Id}", remoteAddress);
        }
        else if (user.DisabledAt is not null)
        {
            return new InviteOutcome(null, "That account is disabled.");
        }
        else if (await db.RoleAssignments.AnyAsync(r => r.UserId == user.Id && r.Role == role && r.PlatformId == platformId && r.AdvertiserId == advertiserId, ct))
        {
            return new InviteOutcome(null, "That person already holds this role.");
        }

        db.RoleAssignments.Add(new RoleAssignment { UserId = user.Id, Role = role, PlatformId = platformId, AdvertiserId = advertiserId, CreatedAt = now });
        AuditTrail.Record(db, clock, actor, "role-granted", platformId, $"user:{user.Id}", remoteAddress, role);
        // Someone who already has a password keeps it; the message then only says what changed.
        var link = user.PasswordHash is null ? PasswordLinks.PublicUrl(PasswordLinks.Issue(user, clock)) : null;
        var mail = Outbox.Enqueue(db, clock, MailKind, address, $"You are invited to {platformName} on Candor",
            InvitationText(platformName, role, link), platformId, sensitive: link is not null);
        AuditTrail.Record(db, clock, actor, "user-invited", platformId, $"user:{user.Id}", remoteAddress, role);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new InviteOutcome(new Invitation(user.Id, address, newAccount, mail.Id), null);
    }

    public static string? Problem(string role, long? platformId, long? advertiserId) => role switch
    {
        _ when !Roles.All.Contains(role) => $"Unknown role '{role}'; roles: {string.Join(", ", Roles.All)}.",
        _ when Roles.NeedsPlatform(role) && platformId is null => $"Role '{role}' needs a platform.",
        _ when !Roles.NeedsPlatform(role) && platformId is not null => $"Role '{role}' is not held per platform.",
        _ when Roles.NeedsAdvertiser(role) && advertiserId is null => "Role 'advertiser' needs the advertiser's id.",
        _ when !Roles.NeedsAdvertiser(role) && advertiserId is not null => "Only the advertiser role is bound to an advertiser.",
        _ => null,
    };

    public static string InvitationText(string platformName, string role, string? link) => link is null
        ? $"""
          Hello,

          You now have the role "{role}" in {platformName}'s Candor console.
          Sign in with your existing password at {PasswordLinks.PublicUrl("/console/sign-in")}.

          If you did not expect this, tell the administrator of {platformName}.
          """
        : $"""
          Hello,

          You are invited to {platformName}'s Candor console with the role "{role}".
          Choose your password with this one-time link (valid {PasswordLinks.Lifetime.TotalDays:0} days):

          {link}

          If you did not expect this, ignore this message; the link stops working on its own.
          """;

    public static Command Command()
    {
        var email = new Option<string>("--email") { Description = "The person's email address", Required = true };
        var role = new Option<string>("--role") { Description = "One of: " + string.Join(", ", Roles.All), Required = true };
        var platform = new Option<string?>("--platform") { Description = "The platform's slug (every role but super-admin)" };
        var advertiser = new Option<string?>("--advertiser") { Description = "The platform's advertiser id (role advertiser)" };
        var command = new Command("invite", "Invite a person by email: they receive a one-time link to set their password")
            { email, role, platform, advertiser };
        command.SetHandler(async (parse, ct) =>
        {
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
            var outcome = await RunAsync(db, scope.ServiceProvider.GetRequiredService<TimeProvider>(), "cli",
                parse.GetValue(email)!, parse.GetValue(role)!, platformId, advertiserId, null, ct);
            if (outcome.Problem is { } problem) throw new CliException(problem, CliHost.BadUsage);
            var invitation = outcome.Invitation!;
            Console.WriteLine($"Invitation for {invitation.Email} queued (user {invitation.UserId}, mail {invitation.MailId}).");
            if (!CliHost.Smtp().IsConfigured)
                await Console.Error.WriteLineAsync(SmtpOptions.NotConfiguredNotice
                    + $" To hand the person a link yourself instead: candor user reset-password --email {invitation.Email}");
            return CliHost.Ok;
        });
        return command;
    }
}
