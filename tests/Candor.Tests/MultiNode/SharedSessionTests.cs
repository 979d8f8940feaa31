using System.Net;
using Candor.Data;
using Candor.Features.Identity;
using Candor.Features.Platforms;
using Candor.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Candor.Tests.MultiNode;

/// <summary>
/// Behind a load balancer a person's requests land on any node: a form served by one node and posted to
/// another, and a session cookie issued by one and read by another, must both work.
/// </summary>
public abstract class SharedSessionTests
{
    protected abstract Task<string> NewDatabaseAsync();

    [Fact]
    public async Task A_sign_in_form_from_one_node_and_the_session_work_on_another()
    {
        var database = DatabaseSetting.Parse(await NewDatabaseAsync());
        await using var first = await StartAsync(database);
        await using var second = await StartAsync(database);
        await using (var scope = first.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CandorDb>();
            var platform = await CreatePlatform.RunAsync(db, TimeProvider.System, "Shared", "shared-" + Guid.NewGuid().ToString("N")[..6], default);
            await CreateUser.RunAsync(db, TimeProvider.System, "test", "node@example.org", Roles.Auditor, platform.Id, null, "a password for two nodes", default);
        }
        var cookies = new CookieContainer();
        HttpClient Browser(WebApplication node) =>
            new(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = Address(node) };

        var token = await ConsoleForms.AntiforgeryTokenAsync(Browser(first), "/console/sign-in");
        // Cookies are per host name and port; carry the antiforgery cookie over to the second node's address.
        foreach (Cookie cookie in cookies.GetCookies(Address(first))) cookies.Add(Address(second), new Cookie(cookie.Name, cookie.Value));
        var signIn = await Browser(second).PostAsync("/console/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = "node@example.org", ["password"] = "a password for two nodes", ["__RequestVerificationToken"] = token,
        }));
        foreach (Cookie cookie in cookies.GetCookies(Address(second))) cookies.Add(Address(first), new Cookie(cookie.Name, cookie.Value));
        var console = await Browser(first).GetAsync("/console");

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, console.StatusCode);
        Assert.Contains("node@example.org", await console.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // On one machine both nodes could also share a key file in the home folder; on separate machines only the
        // database is shared, so the key ring must be there.
        await using var check = first.Services.CreateAsyncScope();
        Assert.NotEmpty(check.ServiceProvider.GetRequiredService<CandorDb>().DataProtectionKeys);
    }

    private static async Task<WebApplication> StartAsync(DatabaseSetting database)
    {
        var options = new ServeOptions(database, "http://127.0.0.1:0");
        var app = CandorApp.Build(options);
        await CandorApp.PrepareAsync(app, options, CancellationToken.None);
        await app.StartAsync();
        return app;
    }

    private static Uri Address(WebApplication node) =>
        new(node.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
}

public sealed class SharedSessionTests_Sqlite : SharedSessionTests
{
    protected override Task<string> NewDatabaseAsync() => Task.FromResult(TestFiles.NewSqlitePath("session"));
}

public sealed class SharedSessionTests_Postgres : SharedSessionTests
{
    protected override Task<string> NewDatabaseAsync() => PostgresServer.CreateDatabaseAsync("session");
}
