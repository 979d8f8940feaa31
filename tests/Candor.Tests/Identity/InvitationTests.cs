using System.Net;
using System.Text.RegularExpressions;
using Candor.Features.Identity;
using Candor.Features.Mail;
using Candor.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Candor.Tests.Identity;

/// <summary>An admin invites by email from the console; the real SMTP server receives the link; the link sets a password once.</summary>
public abstract partial class InvitationTests(AppFixture app)
{
    private static string NewEmail() => $"i{Guid.NewGuid().ToString("N")[..12]}@example.org";

    private async Task<(TestPlatform Platform, SignedInPerson Admin)> AdminAsync()
    {
        var platform = await app.CreatePlatformAsync("Invite Social");
        return (platform, await app.SignedInAsync(Roles.Admin, platform.Id));
    }

    private static Task<HttpResponseMessage> InviteAsync(SignedInPerson admin, long platformId, string email, string role, string advertiser = "") =>
        ConsoleForms.PostFormAsync(admin.Browser, $"/console/admin/{platformId}/users",
            new() { ["email"] = email, ["role"] = role, ["advertiser"] = advertiser }, "invite");

    private static string LinkIn(MimeKit.MimeMessage message) =>
        new Uri(SetPasswordLink().Match(message.TextBody ?? "").Value).PathAndQuery;

    [Fact]
    public async Task An_invited_person_sets_a_password_from_the_emailed_link_and_signs_in()
    {
        var (platform, admin) = await AdminAsync();
        var email = NewEmail();

        var page = await (await InviteAsync(admin, platform.Id, email, Roles.Reviewer)).Content.ReadAsStringAsync();
        var mail = await app.Mail.WaitForAsync(email);
        var link = LinkIn(mail);
        var browser = ConsoleForms.Browser(app.BaseAddress);
        var set = await ConsoleForms.PostFormAsync(browser, link, new() { ["password"] = "an invited password" });
        var signIn = await ConsoleForms.SignInAsync(browser, email, "an invited password");
        var console = await browser.GetStringAsync("/console");

        Assert.Contains($"Invitation sent to {email}", page, StringComparison.Ordinal);
        Assert.Contains(email, page, StringComparison.Ordinal);
        Assert.Equal("You are invited to Invite Social on Candor", mail.Subject);
        Assert.Contains("Your password is set", await set.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Contains("reviewer on Invite Social", console, StringComparison.Ordinal);
        var (userId, actions) = await app.WithDbAsync(async db =>
        {
            var id = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
            return (id, await db.AuditEvents.Where(e => e.Subject == $"user:{id}" || e.Actor == $"user:{id}").OrderBy(e => e.Id)
                .Select(e => e.Actor + " " + e.Action).ToListAsync());
        });
        Assert.Equal([$"user:{admin.Id} user-created", $"user:{admin.Id} role-granted", $"user:{admin.Id} user-invited",
            $"user:{userId} password-set", $"user:{userId} sign-in"], actions);
        var outbox = await app.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.To == email));
        Assert.Equal(OutboxState.Sent, outbox.State);
        Assert.Equal("", outbox.Body);
    }

    [Fact]
    public async Task A_used_link_and_an_expired_link_are_refused_clearly()
    {
        var (platform, admin) = await AdminAsync();
        var used = NewEmail();
        var late = NewEmail();
        await InviteAsync(admin, platform.Id, used, Roles.Auditor);
        await InviteAsync(admin, platform.Id, late, Roles.Auditor);
        var usedLink = LinkIn(await app.Mail.WaitForAsync(used));
        var lateLink = LinkIn(await app.Mail.WaitForAsync(late));
        var browser = ConsoleForms.Browser(app.BaseAddress);

        await ConsoleForms.PostFormAsync(browser, usedLink, new() { ["password"] = "a first password" });
        var again = await browser.GetStringAsync(usedLink);
        app.Clock.Advance(PasswordLinks.Lifetime + TimeSpan.FromMinutes(1));
        var expired = await browser.GetStringAsync(lateLink);

        Assert.Contains("used already or has expired", again, StringComparison.Ordinal);
        Assert.Contains("used already or has expired", expired, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await ConsoleForms.SignInAsync(ConsoleForms.Browser(app.BaseAddress), used, "a first password")).StatusCode);
    }

    [Fact]
    public async Task Inviting_someone_who_has_a_password_grants_the_role_and_sends_no_link()
    {
        var (platform, admin) = await AdminAsync();
        var other = await app.CreatePlatformAsync("Other Social");
        var existing = await app.SignedInAsync(Roles.Reviewer, other.Id);

        await InviteAsync(admin, platform.Id, existing.Email, Roles.Auditor);
        var mail = await app.Mail.WaitForAsync(existing.Email);

        Assert.DoesNotContain("set-password", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("existing password", mail.TextBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await ConsoleForms.SignInAsync(ConsoleForms.Browser(app.BaseAddress), existing.Email, ConsolePeople.Password)).StatusCode);
        var roles = await app.WithDbAsync(db => db.RoleAssignments.Where(r => r.UserId == existing.Id).OrderBy(r => r.Id).Select(r => r.Role + "@" + r.PlatformId).ToListAsync());
        Assert.Equal([$"reviewer@{other.Id}", $"auditor@{platform.Id}"], roles);
    }

    [Fact]
    public async Task Bad_invitations_change_nothing_and_say_why()
    {
        var (platform, admin) = await AdminAsync();
        var email = NewEmail();

        var badEmail = await (await InviteAsync(admin, platform.Id, "not-an-email", Roles.Reviewer)).Content.ReadAsStringAsync();
        var superAdmin = await (await InviteAsync(admin, platform.Id, email, Roles.SuperAdmin)).Content.ReadAsStringAsync();
        var noAdvertiser = await (await InviteAsync(admin, platform.Id, email, Roles.Advertiser, "no-such-advertiser")).Content.ReadAsStringAsync();

        Assert.Contains("is not an email address", badEmail, StringComparison.Ordinal);
        Assert.Contains("Choose one of the platform", superAdmin, StringComparison.Ordinal);
        Assert.Contains("needs the id of one of this platform", noAdvertiser, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email)));
        Assert.False(await app.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.To == email)));
    }

    [GeneratedRegex(@"http\S+/console/set-password\?token=\S+")]
    private static partial Regex SetPasswordLink();
}

public sealed class InvitationTests_Sqlite(SqliteApp app) : InvitationTests(app), IClassFixture<SqliteApp>;

public sealed class InvitationTests_Postgres(PostgresApp app) : InvitationTests(app), IClassFixture<PostgresApp>;
