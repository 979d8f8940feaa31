using System.Net;
using Candor.Data;
using Candor.Features.Platforms;
using Candor.Features.Tokens;
using Candor.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Candor.Tests.MultiNode;

/// <summary>
/// Several real `candor serve` processes on one database: they migrate together, take the same batches at the
/// same time, and one of them is killed mid-way. Nothing may be duplicated or lost.
/// </summary>
public abstract class SeveralNodesTests
{
    protected abstract Task<string> NewDatabaseAsync();

    [Fact]
    public async Task Nodes_that_start_and_ingest_concurrently_store_each_record_once()
    {
        var database = await NewDatabaseAsync();
        // Started together (they race on migrating the empty database); every started node is stopped even if one fails.
        var starting = Enumerable.Range(0, 3).Select(_ => CandorServerProcess.StartAsync(database)).ToList();
        try
        {
            var nodes = await Task.WhenAll(starting);
            var token = await CreatePlatformTokenAsync(database);
            var clients = nodes.Select(n => Client(n, token)).ToList();
            var advertisers = Enumerable.Range(0, 20).Select(i => SampleRecords.Advertiser($"adv-{i}")).ToArray();
            await Task.WhenAll(clients.Select(async c => (await c.PostJsonAsync("/api/v1/advertisers", advertisers)).EnsureSuccessStatusCode()));

            // Every node sends overlapping batches of the same 600 ads at once.
            var ads = Enumerable.Range(0, 600).Select(i => SampleRecords.Ad($"ad-{i}", $"adv-{i % 20}")).ToArray();
            var sends = clients.SelectMany((c, n) => ads.Chunk(200).Select(async (batch, b) =>
            {
                await Task.Delay((n * 7 + b * 3) % 10);
                return await c.PostJsonAsync("/api/v1/ads", batch);
            }));
            var responses = await Task.WhenAll(sends);

            Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
            var (count, distinct) = await CountAdsAsync(database);
            Assert.Equal(600, count);
            Assert.Equal(600, distinct);
        }
        finally
        {
            foreach (var start in starting.Where(t => t.IsCompletedSuccessfully)) await (await start).DisposeAsync();
        }
    }

    [Fact]
    public async Task A_killed_node_loses_no_acknowledged_record()
    {
        var database = await NewDatabaseAsync();
        var token = "";
        await using (var first = await CandorServerProcess.StartAsync(database))
        {
            token = await CreatePlatformTokenAsync(database);
            var client = Client(first, token);
            (await client.PostJsonAsync("/api/v1/advertisers", new[] { SampleRecords.Advertiser("adv") })).EnsureSuccessStatusCode();
            var acknowledged = await client.PostJsonAsync("/api/v1/ads", Enumerable.Range(0, 300).Select(i => SampleRecords.Ad($"ad-{i}", "adv")).ToArray());
            Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
            first.Kill();
        }

        await using var second = await CandorServerProcess.StartAsync(database);
        var stored = await Client(second, token).GetAsync("/api/v1/ads/ad-299");

        Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        Assert.Equal((300, 300), await CountAdsAsync(database));
    }

    private static HttpClient Client(CandorServerProcess node, string token)
    {
        var client = new HttpClient { BaseAddress = node.BaseAddress, Timeout = TimeSpan.FromSeconds(120) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<T> WithDbAsync<T>(string database, Func<CandorDb, Task<T>> action)
    {
        await using var services = new ServiceCollection().AddCandorStorage(DatabaseSetting.Parse(database)).BuildServiceProvider();
        await using var scope = services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<CandorDb>());
    }

    private static Task<string> CreatePlatformTokenAsync(string database) => WithDbAsync(database, async db =>
    {
        var platform = await CreatePlatform.RunAsync(db, TimeProvider.System, "Multi-node", "multi-" + Guid.NewGuid().ToString("N")[..8], default);
        return (await CreateToken.RunAsync(db, TimeProvider.System, platform.Id, "nodes", null, default)).Token;
    });

    private static Task<(int Count, int Distinct)> CountAdsAsync(string database) => WithDbAsync(database, async db =>
        (await db.Ads.CountAsync(), await db.Ads.Select(a => new { a.PlatformId, a.ExternalId }).Distinct().CountAsync()));
}

public sealed class SeveralNodesTests_Sqlite : SeveralNodesTests
{
    protected override Task<string> NewDatabaseAsync() => Task.FromResult(TestFiles.NewSqlitePath("nodes"));
}

public sealed class SeveralNodesTests_Postgres : SeveralNodesTests
{
    protected override Task<string> NewDatabaseAsync() => PostgresServer.CreateDatabaseAsync("nodes");
}
