using System.Text.RegularExpressions;
using Candor.Data;
using Candor.Features.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Candor.Browser.Tests;

/// <summary>An admin invites someone in a real browser; the invitee follows the emailed link, sets a password and signs in.</summary>
public sealed partial class InvitationTests(CandorServer server) : IClassFixture<CandorServer>
{
    [Fact]
    public async Task An_admin_invites_a_person_who_sets_a_password_from_the_email_and_signs_in()
    {
        var adminEmail = $"admin-{Guid.NewGuid():N}"[..18] + "@example.org";
        var inviteeEmail = $"invitee-{Guid.NewGuid():N}"[..20] + "@example.org";
        long platformId;
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CandorDb>();
            platformId = db.Platforms.Select(p => p.Id).First();
            await CreateUser.RunAsync(db, TimeProvider.System, "test", adminEmail, Roles.Admin, platformId, null, "the admin's password", default);
        }
        var admin = await server.NewPageAsync(javaScript: false);
        await admin.GotoAsync("/console/sign-in");
        await admin.GetByLabel("Email").FillAsync(adminEmail);
        await admin.GetByLabel("Password").FillAsync("the admin's password");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await admin.WaitForURLAsync(url => url.EndsWith("/console", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.DOMContentLoaded });

        await admin.GetByRole(AriaRole.Link, new() { Name = "Administration" }).ClickAsync();
        await admin.GetByRole(AriaRole.Link, new() { Name = "people" }).First.ClickAsync();
        await admin.GetByLabel("Email").FillAsync(inviteeEmail);
        await admin.GetByRole(AriaRole.Combobox, new() { Name = "Role" }).SelectOptionAsync(Roles.Reviewer);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Invite" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Status).Last).ToContainTextAsync($"Invitation sent to {inviteeEmail}");
        await admin.ScreenshotAsync(new() { Path = CandorServer.ScreenshotPath("admin-people.png"), FullPage = true });

        var mail = await server.Mail.WaitForAsync(inviteeEmail);
        var link = new Uri(SetPasswordLink().Match(mail.TextBody ?? "").Value).PathAndQuery;
        var invitee = await server.NewPageAsync();
        await invitee.GotoAsync(link);
        await invitee.GetByLabel("New password").FillAsync("the invitee's password");
        await invitee.GetByRole(AriaRole.Button, new() { Name = "Set password" }).ClickAsync();
        await Assertions.Expect(invitee.Locator("main")).ToContainTextAsync("Your password is set");
        await invitee.GetByRole(AriaRole.Link, new() { Name = "Sign in" }).ClickAsync();
        await invitee.GetByLabel("Email").FillAsync(inviteeEmail);
        await invitee.GetByLabel("Password").FillAsync("the invitee's password");
        await invitee.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await invitee.WaitForURLAsync(url => url.EndsWith("/console", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await Assertions.Expect(invitee.Locator("main")).ToContainTextAsync(inviteeEmail);
        await Assertions.Expect(invitee.Locator("main")).ToContainTextAsync("reviewer on Demo Social");
        await admin.GotoAsync($"/console/admin/{platformId}/users");
        await Assertions.Expect(admin.Locator("main")).ToContainTextAsync(inviteeEmail);
    }

    [GeneratedRegex(@"http\S+/console/set-password\?token=\S+")]
    private static partial Regex SetPasswordLink();
}
