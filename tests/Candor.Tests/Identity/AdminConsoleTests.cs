using System.Net;
using System.Text.RegularExpressions;
using Candor.Features.Identity;
using Candor.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Candor.Tests.Identity;

/// <summary>The admin pages through the real pipeline: every change lands in the audit trail and stays inside the admin's platform.</summary>
public abstract partial class AdminConsoleTests(AppFixture app)
{
    private async Task<(TestPlatform Platform, SignedInPerson Admin)> AdminAsync()
    {
        var platform = await app.CreatePlatformAsync("Admin Social");
        return (platform, await app.SignedInAsync(Roles.Admin, platform.Id));
    }

    private static string UserPage(long platformId, long userId) => $"/console/admin/{platformId}/users/{userId}";

    private Task<List<string>> AuditAsync(string subject) => app.WithDbAsync(db => db.AuditEvents.Where(e => e.Subject == subject)
        .OrderBy(e => e.Id).Select(e => e.Actor + " " + e.Action + " " + (e.Detail ?? "")).ToListAsync());

    [Fact]
    public async Task An_admin_grants_and_revokes_a_role_which_applies_at_the_next_request()
    {
        var (platform, admin) = await AdminAsync();
        var colleague = await app.SignedInAsync(Roles.Reviewer, platform.Id);
        var page = UserPage(platform.Id, colleague.Id);
        var before = await colleague.Browser.GetAsync($"/console/admin/{platform.Id}/users");

        var granted = await (await ConsoleForms.PostFormAsync(admin.Browser, page, new() { ["role"] = Roles.Admin }, "grant")).Content.ReadAsStringAsync();
        var during = await colleague.Browser.GetAsync($"/console/admin/{platform.Id}/users");
        var assignment = await app.WithDbAsync(db => db.RoleAssignments.SingleAsync(r => r.UserId == colleague.Id && r.Role == Roles.Admin));
        await ConsoleForms.PostFormAsync(admin.Browser, page, new() { ["assignmentId"] = assignment.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, "revoke");
        var after = await colleague.Browser.GetAsync($"/console/admin/{platform.Id}/users");

        Assert.Equal(HttpStatusCode.Forbidden, before.StatusCode);
        Assert.Contains("Role admin granted.", granted, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, during.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, after.StatusCode);
        Assert.Equal([$"test user-created ", $"test role-granted reviewer", $"user:{admin.Id} role-granted admin", $"user:{admin.Id} role-revoked admin"],
            await AuditAsync($"user:{colleague.Id}"));
    }

    [Fact]
    public async Task An_admin_disables_an_account_and_resets_a_password_by_email()
    {
        var (platform, admin) = await AdminAsync();
        var leaver = await app.SignedInAsync(Roles.Reviewer, platform.Id);
        var forgetful = await app.SignedInAsync(Roles.Reviewer, platform.Id);

        var disabled = await (await ConsoleForms.PostFormAsync(admin.Browser, UserPage(platform.Id, leaver.Id), [], "disable")).Content.ReadAsStringAsync();
        var reset = await (await ConsoleForms.PostFormAsync(admin.Browser, UserPage(platform.Id, forgetful.Id), [], "reset")).Content.ReadAsStringAsync();
        var mail = await app.Mail.WaitForAsync(forgetful.Email);

        Assert.Contains("Account disabled", disabled, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await leaver.Browser.GetAsync("/console")).StatusCode);
        Assert.Contains("Password cleared", reset, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await forgetful.Browser.GetAsync("/console")).StatusCode);
        Assert.Contains("/console/set-password?token=", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"user:{admin.Id} user-disabled ", await AuditAsync($"user:{leaver.Id}"));
        Assert.Contains($"user:{admin.Id} password-reset ", await AuditAsync($"user:{forgetful.Id}"));
    }

    [Fact]
    public async Task A_platform_admin_cannot_disable_or_reset_someone_who_works_elsewhere_too()
    {
        var (platform, admin) = await AdminAsync();
        var other = await app.CreatePlatformAsync("Other Social");
        var shared = await app.SignedInAsync(Roles.Reviewer, other.Id);
        var grantBeforeInvite = await app.WithDbAsync(db => ManagePlatformUsers.GrantAsync(db, app.Clock,
            new AdminActor(admin.Id, false, null), platform.Id, shared.Id, Roles.Auditor, null, default));
        await ConsoleForms.PostFormAsync(admin.Browser, $"/console/admin/{platform.Id}/users", new() { ["email"] = shared.Email, ["role"] = Roles.Auditor }, "invite");

        var disable = await (await ConsoleForms.PostFormAsync(admin.Browser, UserPage(platform.Id, shared.Id), [], "disable")).Content.ReadAsStringAsync();
        var reset = await (await ConsoleForms.PostFormAsync(admin.Browser, UserPage(platform.Id, shared.Id), [], "reset")).Content.ReadAsStringAsync();

        Assert.Equal("No such person on this platform.", grantBeforeInvite);
        Assert.Contains("also has access beyond this platform", disable, StringComparison.Ordinal);
        Assert.Contains("also has access beyond this platform", reset, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await shared.Browser.GetAsync("/console")).StatusCode);
    }

    [Fact]
    public async Task An_admin_creates_a_token_shown_once_and_revokes_it()
    {
        var (platform, admin) = await AdminAsync();
        var tokens = $"/console/admin/{platform.Id}/tokens";

        var created = await (await ConsoleForms.PostFormAsync(admin.Browser, tokens,
            new() { ["name"] = "console made", ["scopes"] = "ingest", ["expiresInDays"] = "30" }, "create")).Content.ReadAsStringAsync();
        var secret = NewToken().Match(created).Groups[1].Value;
        var listed = await admin.Browser.GetStringAsync(tokens);
        var works = await app.WithToken(secret).GetAsync("/api/v1/ads/none");
        var id = await app.WithDbAsync(db => db.ApiTokens.Where(t => t.PlatformId == platform.Id && t.Name == "console made").Select(t => t.Id).SingleAsync());
        await ConsoleForms.PostFormAsync(admin.Browser, tokens, new() { ["tokenId"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, "revoke");
        var revoked = await app.WithToken(secret).GetAsync("/api/v1/ads/none");

        Assert.StartsWith("cnd_", secret, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, listed, StringComparison.Ordinal);
        Assert.Contains("console made", listed, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, works.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
        Assert.Equal([$"user:{admin.Id} token-created ingest", $"token:{id} token-used ", $"user:{admin.Id} token-revoked "], await AuditAsync($"token:{id}"));
    }

    [Fact]
    public async Task An_auditor_reads_the_people_and_tokens_pages_without_forms_and_every_change_is_refused()
    {
        var (platform, admin) = await AdminAsync();
        var auditor = await app.SignedInAsync(Roles.Auditor, platform.Id);
        var colleague = await app.SignedInAsync(Roles.Reviewer, platform.Id);
        var assignment = await app.WithDbAsync(db => db.RoleAssignments.SingleAsync(r => r.UserId == colleague.Id));
        var users = $"/console/admin/{platform.Id}/users";
        var tokens = $"/console/admin/{platform.Id}/tokens";

        var pages = new List<string>();
        foreach (var path in new[] { users, UserPage(platform.Id, colleague.Id), tokens })
        {
            var response = await auditor.Browser.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            pages.Add(await response.Content.ReadAsStringAsync());
        }
        // A valid antiforgery token of the auditor's own session, so only the role check can refuse the posts.
        var antiforgery = await ConsoleForms.AntiforgeryTokenAsync(auditor.Browser, "/console/sign-out");
        var id = (long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var posts = new (string Path, string Handler, Dictionary<string, string> Fields)[]
        {
            (users, "invite", new() { ["email"] = "insider@example.org", ["role"] = Roles.Admin }),
            (tokens, "create", new() { ["name"] = "auditor made", ["scopes"] = "ingest" }),
            (tokens, "revoke", new() { ["tokenId"] = id(platform.TokenId) }),
            (UserPage(platform.Id, colleague.Id), "grant", new() { ["role"] = Roles.Admin }),
            (UserPage(platform.Id, colleague.Id), "revoke", new() { ["assignmentId"] = id(assignment.Id) }),
            (UserPage(platform.Id, colleague.Id), "reset", []),
            (UserPage(platform.Id, colleague.Id), "disable", []),
        };
        var statuses = new List<string>();
        foreach (var (path, handler, fields) in posts)
        {
            fields["__RequestVerificationToken"] = antiforgery;
            var response = await auditor.Browser.PostAsync($"{path}?handler={handler}", new FormUrlEncodedContent(fields));
            statuses.Add($"{handler}: {(int)response.StatusCode}");
        }

        Assert.All(pages, html => Assert.DoesNotContain("handler=", html, StringComparison.Ordinal));
        Assert.All(pages, html => Assert.Contains("you see everything here and change nothing", html, StringComparison.Ordinal));
        Assert.Contains(colleague.Email, pages[0], StringComparison.Ordinal);
        Assert.Contains("reviewer", pages[1], StringComparison.Ordinal);
        Assert.Contains("<code>cnd_", pages[2], StringComparison.Ordinal);
        Assert.Equal(posts.Select(p => $"{p.Handler}: 403"), statuses);
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == "insider@example.org")));
        Assert.False(await app.WithDbAsync(db => db.ApiTokens.AnyAsync(t => t.Name == "auditor made")));
        Assert.Equal([Roles.Reviewer], await app.WithDbAsync(db => db.RoleAssignments.Where(r => r.UserId == colleague.Id).Select(r => r.Role).ToListAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await platform.Client.GetAsync("/api/v1/ads/none")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await colleague.Browser.GetAsync("/console")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.Browser.GetAsync(users)).StatusCode);
    }

    [Fact]
    public async Task An_admin_of_one_platform_changes_nothing_of_another()
    {
        var (platform, admin) = await AdminAsync();
        var other = await app.CreatePlatformAsync("Victim Social");
        var victim = await app.SignedInAsync(Roles.Reviewer, other.Id);

        var otherUsers = await admin.Browser.GetAsync($"/console/admin/{other.Id}/users");
        var otherTokens = await admin.Browser.GetAsync($"/console/admin/{other.Id}/tokens");
        var victimThroughOwn = await admin.Browser.GetAsync(UserPage(platform.Id, victim.Id));
        var antiforgery = await ConsoleForms.AntiforgeryTokenAsync(admin.Browser, $"/console/admin/{platform.Id}/users");
        var disable = await admin.Browser.PostAsync(UserPage(platform.Id, victim.Id) + "?handler=disable",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = antiforgery }));
        var revoke = await ConsoleForms.PostFormAsync(admin.Browser, $"/console/admin/{platform.Id}/tokens",
            new() { ["tokenId"] = other.TokenId.ToString(System.Globalization.CultureInfo.InvariantCulture) }, "revoke");
        var audit = await admin.Browser.GetAsync($"/console/admin/audit?platform={other.Id}");

        Assert.Equal(HttpStatusCode.Forbidden, otherUsers.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherTokens.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, victimThroughOwn.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, disable.StatusCode);
        Assert.Contains("No such active token on this platform", await revoke.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, audit.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await victim.Browser.GetAsync("/console")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync("/api/v1/ads/none")).StatusCode);
    }

    [Fact]
    public async Task The_audit_page_filters_by_kind_and_pages_for_an_auditor()
    {
        var (platform, admin) = await AdminAsync();
        var auditor = await app.SignedInAsync(Roles.Auditor, platform.Id);
        for (var i = 0; i < 55; i++)
            await ConsoleForms.PostFormAsync(admin.Browser, $"/console/admin/{platform.Id}/tokens", new() { ["name"] = $"t{i}", ["scopes"] = "ingest" }, "create");

        var first = await auditor.Browser.GetStringAsync($"/console/admin/audit?platform={platform.Id}&kind=token-created");
        var older = OlderLink().Match(first).Groups[1].Value.Replace("&amp;", "&", StringComparison.Ordinal);
        var second = await auditor.Browser.GetStringAsync(older);
        var granted = await auditor.Browser.GetStringAsync($"/console/admin/audit?platform={platform.Id}&kind=role-granted");

        Assert.Equal(50, Rows(first));
        Assert.Equal(6, Rows(second)); // 55 by the admin + the fixture's own token
        Assert.DoesNotContain("<td>role-granted</td>", first, StringComparison.Ordinal);
        Assert.Equal(2, Rows(granted));
    }

    private static int Rows(string html) => Regex.Count(html, "<tr>") - 1;

    [GeneratedRegex("<code id=\"new-token\">([^<]+)</code>")]
    private static partial Regex NewToken();

    [GeneratedRegex("<a href=\"([^\"]+)\">Older events</a>")]
    private static partial Regex OlderLink();
}

public sealed class AdminConsoleTests_Sqlite(SqliteApp app) : AdminConsoleTests(app), IClassFixture<SqliteApp>;

public sealed class AdminConsoleTests_Postgres(PostgresApp app) : AdminConsoleTests(app), IClassFixture<PostgresApp>;
