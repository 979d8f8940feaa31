using System.Net.Http.Headers;
using Candor.Data;
using Candor.Features.Platforms;
using Candor.Features.Tokens;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Candor.Bench;

/// <summary>Candor running in this process on a loopback port over a fresh database, with one platform and its token.</summary>
public sealed class BenchHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BenchHost(WebApplication app, Uri address, long platformId, string token)
    {
        _app = app;
        Address = address;
        PlatformId = platformId;
        Token = token;
    }

    public Uri Address { get; }
    public IServiceProvider Services => _app.Services;
    public long PlatformId { get; }
    public string Token { get; }

    public static async Task<BenchHost> StartAsync(DatabaseSetting database, CancellationToken ct, Action<IServiceCollection>? overrides = null)
    {
        var options = new ServeOptions(database, "http://127.0.0.1:0");
        // Request logging off, as a production deployment would run it; console output would be measured otherwise.
        var app = CandorApp.Build(options, services =>
        {
            services.Configure<LoggerFilterOptions>(o => o.MinLevel = LogLevel.Warning);
            overrides?.Invoke(services);
        });
        await CandorApp.PrepareAsync(app, options, ct);
        await app.StartAsync(ct);
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CandorDb>();
        var platform = await CreatePlatform.RunAsync(db, TimeProvider.System, "Bench platform", "bench", ct);
        var token = await CreateToken.RunAsync(db, TimeProvider.System, platform.Id, "bench", null, ct, "ingest " + CreateToken.DecisionsWriteScope);
        return new BenchHost(app, address, platform.Id, token.Token);
    }

    public HttpClient Client()
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromMinutes(5) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return client;
    }

    public async Task<T> WithDbAsync<T>(Func<CandorDb, Task<T>> action)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<CandorDb>());
    }

    /// <summary>Empties the ads table so every insert phase starts from the same, empty table.</summary>
    public Task ClearAdsAsync(CancellationToken ct) => WithDbAsync(async db =>
    {
        if (db.Database.IsNpgsql())
        {
            // CASCADE: decisions, evaluations and review items reference ads (the benchmark creates none, but the
            // foreign keys refuse a plain TRUNCATE all the same).
            await db.Database.ExecuteSqlRawAsync("TRUNCATE ads CASCADE", ct);
            await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE ads", ct);
        }
        else
        {
            await db.Database.ExecuteSqlRawAsync("DELETE FROM ads", ct);
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE)", ct);
        }
        return 0;
    });

    /// <summary>Empties the decisions tables so every statements phase starts from the same, empty tables (and may reuse puids).</summary>
    public Task ClearDecisionsAsync(CancellationToken ct) => WithDbAsync(async db =>
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync("TRUNCATE decisions CASCADE", ct);
            await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE decisions", ct);
            await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE decision_events", ct);
        }
        else
        {
            await db.Database.ExecuteSqlRawAsync("DELETE FROM decision_events", ct);
            await db.Database.ExecuteSqlRawAsync("DELETE FROM decisions", ct);
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE)", ct);
        }
        return 0;
    });

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
