using System.Net.Http.Headers;
using Candor.Data;
using Candor.Features.Platforms;
using Candor.Features.Tokens;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Candor.Tests.Infrastructure;

/// <summary>
/// A real Candor web host on a free loopback port over a real database of one engine. Tests get their own
/// platform from <see cref="CreatePlatformAsync"/>, so they never share mutable data.
/// </summary>
public abstract class AppFixture : IAsyncLifetime
{
    private WebApplication? _app;

    public abstract DatabaseEngine Engine { get; }
    public DatabaseSetting Database { get; private set; } = null!;
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
    public Uri BaseAddress { get; private set; } = null!;
    public IServiceProvider Services => _app!.Services;
    /// <summary>The SMTP server the app sends its mail to; tests read what arrived.</summary>
    public TestMailServer Mail { get; private set; } = null!;

    protected abstract Task<DatabaseSetting> CreateDatabaseAsync();

    /// <summary>Changes to the app's services for a fixture with special settings (e.g. tiny rate limits).</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>Configuration for a fixture with special settings (e.g. an OpenID Connect provider); read once, at start.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>>? Settings => null;

    /// <summary>Whether the host loads the `serve --demo` data into its fresh database, as `candor serve --demo` does.</summary>
    protected virtual bool LoadDemoData => false;

    public virtual async Task InitializeAsync()
    {
        Database = await CreateDatabaseAsync();
        Mail = await TestMailServer.StartAsync();
        var options = new ServeOptions(Database, "http://127.0.0.1:0", Demo: LoadDemoData);
        _app = CandorApp.Build(options, services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.Configure<Candor.Features.Mail.SmtpOptions>(o =>
            {
                o.Host = "127.0.0.1";
                o.Port = Mail.Port;
                o.UseTls = false;
                o.From = "candor@test.example";
            });
            ConfigureServices(services);
        }, Settings);
        await CandorApp.PrepareAsync(_app, options, CancellationToken.None);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);
    }

    public virtual async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        if (Mail is not null) await Mail.DisposeAsync();
    }

    public HttpClient Anonymous() => new() { BaseAddress = BaseAddress };

    public HttpClient WithToken(string token)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task<T> WithDbAsync<T>(Func<CandorDb, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<CandorDb>());
    }

    /// <summary>A fresh platform with an ingest token, unique to the calling test.</summary>
    public async Task<TestPlatform> CreatePlatformAsync(string name = "Test platform")
    {
        var slug = "t-" + Guid.NewGuid().ToString("N")[..12];
        return await WithDbAsync(async db =>
        {
            var platform = await CreatePlatform.RunAsync(db, Clock, name, slug, CancellationToken.None);
            var token = await CreateToken.RunAsync(db, Clock, platform.Id, "test", null, CancellationToken.None);
            return new TestPlatform(platform.Id, platform.Slug, token.Token, token.Id, WithToken(token.Token));
        });
    }
}

public sealed record TestPlatform(long Id, string Slug, string Token, long TokenId, HttpClient Client);

public sealed class SqliteApp : AppFixture
{
    public override DatabaseEngine Engine => DatabaseEngine.Sqlite;

    protected override Task<DatabaseSetting> CreateDatabaseAsync() =>
        Task.FromResult(DatabaseSetting.Parse(TestFiles.NewSqlitePath("app")));
}

public sealed class PostgresApp : AppFixture
{
    public override DatabaseEngine Engine => DatabaseEngine.Postgres;

    protected override async Task<DatabaseSetting> CreateDatabaseAsync() =>
        DatabaseSetting.Parse(await PostgresServer.CreateDatabaseAsync("app"));
}
