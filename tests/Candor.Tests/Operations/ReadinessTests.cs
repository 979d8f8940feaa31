using System.Net;
using Candor.Data;
using Candor.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Candor.Tests.Operations;

/// <summary>A node whose database has no schema is alive but not ready, so a load balancer keeps traffic away.</summary>
public abstract class ReadinessTests
{
    protected abstract Task<string> NewDatabaseAsync();

    [Fact]
    public async Task A_database_without_the_schema_is_not_ready()
    {
        var options = new ServeOptions(DatabaseSetting.Parse(await NewDatabaseAsync()), "http://127.0.0.1:0");
        await using var app = CandorApp.Build(options);
        await app.StartAsync();
        var client = new HttpClient { BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()) };

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        var ready = await (await client.GetAsync("/readyz")).ReadJsonAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal("unavailable", ready["status"]!.GetValue<string>());
    }
}

public sealed class ReadinessTests_Sqlite : ReadinessTests
{
    protected override Task<string> NewDatabaseAsync() => Task.FromResult(TestFiles.NewSqlitePath("unready"));
}

public sealed class ReadinessTests_Postgres : ReadinessTests
{
    protected override Task<string> NewDatabaseAsync() => PostgresServer.CreateDatabaseAsync("unready");
}
