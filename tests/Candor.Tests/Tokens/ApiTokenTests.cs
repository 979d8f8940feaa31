using System.Net;
using Candor.Features.Tokens;
using Candor.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Candor.Tests.Tokens;

public abstract class ApiTokenTests(AppFixture app)
{
    [Fact]
    public async Task Ingestion_without_a_token_is_401_with_a_bearer_challenge()
    {
        var response = await app.Anonymous().PostJsonAsync("/api/v1/advertisers", new[] { SampleRecords.Advertiser("a") });

        await response.ReadProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Theory]
    [InlineData("Bearer cnd_not-a-real-token-but-well-formed")]
    [InlineData("Bearer garbage")]
    [InlineData("Basic dXNlcjpwYXNz")]
    public async Task A_wrong_token_is_401_and_stores_nothing(string header)
    {
        var client = app.Anonymous();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", header);

        var response = await client.PostJsonAsync("/api/v1/advertisers", new[] { SampleRecords.Advertiser("wrong-token-adv") });

        await response.ReadProblemAsync(HttpStatusCode.Unauthorized);
        Assert.False(await app.WithDbAsync(db => db.Advertisers.AnyAsync(a => a.ExternalId == "wrong-token-adv")));
    }

    [Fact]
    public async Task A_revoked_token_stops_working_at_once()
    {
        var platform = await app.CreatePlatformAsync();
        (await platform.Client.PostJsonAsync("/api/v1/advertisers", new[] { SampleRecords.Advertiser("a") })).EnsureSuccessStatusCode();

        Assert.True(await app.WithDbAsync(db => RevokeToken.RunAsync(db, app.Clock, platform.Id, platform.TokenId, CancellationToken.None)));

        await (await platform.Client.GetAsync("/api/v1/advertisers/a")).ReadProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        var platform = await app.CreatePlatformAsync();
        var token = await app.WithDbAsync(db => CreateToken.RunAsync(db, app.Clock, platform.Id, "short", TimeSpan.FromDays(1), CancellationToken.None));
        var client = app.WithToken(token.Token);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/advertisers/none")).StatusCode);

        app.Clock.Advance(TimeSpan.FromDays(2));

        await (await client.GetAsync("/api/v1/advertisers/none")).ReadProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Another_platforms_token_cannot_see_or_change_its_records()
    {
        var owner = await app.CreatePlatformAsync();
        var other = await app.CreatePlatformAsync();
        (await owner.Client.PostJsonAsync("/api/v1/advertisers", new[] { SampleRecords.Advertiser("shared-id", legalName: "Owner Ltd", country: "IE") })).EnsureSuccessStatusCode();
        (await owner.Client.PostJsonAsync("/api/v1/ads", new[] { SampleRecords.Ad("ad-x", "shared-id") })).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync("/api/v1/advertisers/shared-id")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync("/api/v1/ads/ad-x")).StatusCode);
        // The other platform's ad cannot name the owner's advertiser, and its own "shared-id" is a separate record.
        await (await other.Client.PostJsonAsync("/api/v1/ads", new[] { SampleRecords.Ad("ad-y", "shared-id") })).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        (await other.Client.PostJsonAsync("/api/v1/advertisers", new[] { SampleRecords.Advertiser("shared-id", legalName: "Other GmbH") })).EnsureSuccessStatusCode();

        var owners = await (await owner.Client.GetAsync("/api/v1/advertisers/shared-id")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("Owner Ltd", owners["legal_name"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_token_without_the_ingest_scope_is_403_and_stores_nothing()
    {
        var platform = await app.CreatePlatformAsync();
        var readOnly = await app.WithDbAsync(db => CreateToken.RunAsync(db, app.Clock, platform.Id, "reader", null, CancellationToken.None, "read:private"));

        var response = await app.WithToken(readOnly.Token).PostJsonAsync("/api/v1/advertisers", new[] { SampleRecords.Advertiser("scoped-adv") });

        await response.ReadProblemAsync(HttpStatusCode.Forbidden);
        Assert.False(await app.WithDbAsync(db => db.Advertisers.AnyAsync(a => a.PlatformId == platform.Id)));
    }

    [Fact]
    public async Task An_unknown_scope_is_refused_when_the_token_is_created()
    {
        var platform = await app.CreatePlatformAsync();

        var error = await Assert.ThrowsAsync<Candor.Cli.CliException>(() =>
            app.WithDbAsync(db => CreateToken.RunAsync(db, app.Clock, platform.Id, "x", null, CancellationToken.None, "everything")));

        Assert.Equal(2, error.ExitCode);
    }

    [Fact]
    public async Task Only_the_hash_of_a_token_is_stored()
    {
        var platform = await app.CreatePlatformAsync();

        var stored = await app.WithDbAsync(db => db.ApiTokens.SingleAsync(t => t.Id == platform.TokenId));

        Assert.Equal(TokenSecret.Hash(platform.Token), stored.Hash);
        Assert.DoesNotContain(platform.Token, stored.Hash + stored.Prefix + stored.Name, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_use_is_recorded_as_last_used()
    {
        var platform = await app.CreatePlatformAsync();

        (await platform.Client.GetAsync("/api/v1/advertisers/none")).Dispose();

        var stored = await app.WithDbAsync(db => db.ApiTokens.AsNoTracking().SingleAsync(t => t.Id == platform.TokenId));
        Assert.Equal(app.Clock.GetUtcNow(), stored.LastUsedAt);
    }
}

public sealed class ApiTokenTests_Sqlite(SqliteApp app) : ApiTokenTests(app), IClassFixture<SqliteApp>;

public sealed class ApiTokenTests_Postgres(PostgresApp app) : ApiTokenTests(app), IClassFixture<PostgresApp>;
