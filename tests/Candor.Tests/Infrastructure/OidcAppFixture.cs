using Candor.Data;

namespace Candor.Tests.Infrastructure;

/// <summary>
/// The app with OpenID Connect sign-in configured against a <see cref="OidcTestProvider"/> of its own. Its clock starts
/// at the real time, because the sign-in cookies' expiry and the id_token's lifetime are also checked against real time
/// (by the test's cookie container and by the token handler).
/// </summary>
public abstract class OidcAppFixture : AppFixture
{
    public const string DisplayName = "Test IdP";

    public OidcTestProvider Provider { get; private set; } = null!;

    protected override IEnumerable<KeyValuePair<string, string?>>? Settings =>
    [
        new("Candor:Oidc:Authority", Provider.Issuer),
        new("Candor:Oidc:ClientId", OidcTestProvider.ClientId),
        new("Candor:Oidc:ClientSecret", OidcTestProvider.ClientSecret),
        new("Candor:Oidc:DisplayName", DisplayName),
        new("Candor:Oidc:Scopes", "openid email profile"),
    ];

    public override async Task InitializeAsync()
    {
        Clock.SetUtcNow(TimeProvider.System.GetUtcNow());
        Provider = await OidcTestProvider.StartAsync();
        await base.InitializeAsync();
        Provider.AllowRedirectUri(new Uri(BaseAddress, "/signin-oidc"));
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Provider is not null) await Provider.DisposeAsync();
    }
}

public sealed class OidcSqliteApp : OidcAppFixture
{
    public override DatabaseEngine Engine => DatabaseEngine.Sqlite;

    protected override Task<DatabaseSetting> CreateDatabaseAsync() =>
        Task.FromResult(DatabaseSetting.Parse(TestFiles.NewSqlitePath("oidc")));
}

public sealed class OidcPostgresApp : OidcAppFixture
{
    public override DatabaseEngine Engine => DatabaseEngine.Postgres;

    protected override async Task<DatabaseSetting> CreateDatabaseAsync() =>
        DatabaseSetting.Parse(await PostgresServer.CreateDatabaseAsync("oidc"));
}
