using Candor.Features.Tokens;
using Candor.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Candor.Tests.Tokens;

public sealed class TokenUseRuleTests
{
    private static readonly DateTimeOffset TenPast = new(2026, 11, 2, 10, 10, 0, TimeSpan.Zero);

    [Fact]
    public void The_first_use_ever_is_audited() => Assert.True(TokenUse.Audited(null, null, TenPast, "10.0.0.1"));

    [Fact]
    public void A_later_use_in_the_same_hour_from_the_same_address_is_not() =>
        Assert.False(TokenUse.Audited(TenPast, "10.0.0.1", TenPast.AddMinutes(49), "10.0.0.1"));

    [Fact]
    public void The_first_use_in_a_new_hour_is() => Assert.True(TokenUse.Audited(TenPast, "10.0.0.1", TenPast.AddMinutes(50), "10.0.0.1"));

    [Fact]
    public void A_use_from_a_new_address_is() => Assert.True(TokenUse.Audited(TenPast, "10.0.0.1", TenPast.AddMinutes(2), "10.0.0.2"));
}

/// <summary>Token use reaches the audit trail at most once a minute per token, and only for a new hour or address.</summary>
public abstract class TokenUseTests(AppFixture app)
{
    private Task<List<string?>> UsesAsync(TestPlatform platform) => app.WithDbAsync(db => db.AuditEvents
        .Where(e => e.Action == "token-used" && e.Subject == $"token:{platform.TokenId}").OrderBy(e => e.Id).Select(e => e.RemoteAddress).ToListAsync());

    [Fact]
    public async Task The_first_use_in_each_hour_is_audited_with_its_address()
    {
        var platform = await app.CreatePlatformAsync();
        // Start at the top of an hour so the minute steps below stay inside it.
        var now = app.Clock.GetUtcNow();
        app.Clock.Advance(TimeSpan.FromHours(1) - TimeSpan.FromSeconds(now.ToUnixTimeSeconds() % 3600));

        await platform.Client.GetAsync("/api/v1/ads/none");
        await platform.Client.GetAsync("/api/v1/ads/none");
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        await platform.Client.GetAsync("/api/v1/ads/none");
        var sameHour = await UsesAsync(platform);
        app.Clock.Advance(TimeSpan.FromHours(1));
        await platform.Client.GetAsync("/api/v1/ads/none");

        Assert.Equal(["127.0.0.1"], sameHour);
        Assert.Equal(["127.0.0.1", "127.0.0.1"], await UsesAsync(platform));
        var token = await app.WithDbAsync(db => db.ApiTokens.SingleAsync(t => t.Id == platform.TokenId));
        Assert.Equal(app.Clock.GetUtcNow(), token.LastUsedAt);
        Assert.Equal("127.0.0.1", token.LastUsedFrom);
    }
}

public sealed class TokenUseTests_Sqlite(SqliteApp app) : TokenUseTests(app), IClassFixture<SqliteApp>;

public sealed class TokenUseTests_Postgres(PostgresApp app) : TokenUseTests(app), IClassFixture<PostgresApp>;
