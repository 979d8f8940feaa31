using System.Net;
using Candor.Data;
using Candor.Infrastructure;
using Candor.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Candor.Tests.Security;

/// <summary>A host with tiny request budgets, so the limits can be reached in a test.</summary>
public sealed class TightLimitsApp : AppFixture
{
    public override DatabaseEngine Engine => DatabaseEngine.Sqlite;

    protected override Task<DatabaseSetting> CreateDatabaseAsync() => Task.FromResult(DatabaseSetting.Parse(TestFiles.NewSqlitePath("limits")));

    protected override void ConfigureServices(IServiceCollection services) =>
        services.Configure<RateLimitOptions>(o => { o.PublicPerMinute = 5; o.IngestPerSecond = 3; });
}

public sealed class AbuseProtectionTests(TightLimitsApp app) : IClassFixture<TightLimitsApp>
{
    [Fact]
    public async Task Public_search_over_budget_is_429_with_retry_after()
    {
        var client = app.Anonymous();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 8; i++)
        {
            last = await client.GetAsync("/api/v1/public/ads");
            statuses.Add(last.StatusCode);
        }

        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.OK));
        await last!.ReadProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.True(last!.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    [Fact]
    public async Task Ingestion_over_budget_is_429_per_token()
    {
        var platform = await app.CreatePlatformAsync();
        var other = await app.CreatePlatformAsync();

        var statuses = await Task.WhenAll(Enumerable.Range(0, 10).Select(async _ =>
            (await platform.Client.GetAsync("/api/v1/advertisers/none")).StatusCode));
        var otherStatus = (await other.Client.GetAsync("/api/v1/advertisers/none")).StatusCode;

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.Equal(HttpStatusCode.NotFound, otherStatus);
    }
}

public abstract class SecurityHeaderTests(AppFixture app)
{
    [Theory]
    [InlineData("/ads")]
    [InlineData("/api/v1/public/ads")]
    [InlineData("/healthz")]
    public async Task Every_answer_carries_the_security_headers(string path)
    {
        var response = await app.Anonymous().GetAsync(path);

        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        // Plain HTTP on loopback: HSTS is only sent over HTTPS, where it means something.
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }
}

public sealed class SecurityHeaderTests_Sqlite(SqliteApp app) : SecurityHeaderTests(app), IClassFixture<SqliteApp>;

public sealed class SecurityHeaderTests_Postgres(PostgresApp app) : SecurityHeaderTests(app), IClassFixture<PostgresApp>;
