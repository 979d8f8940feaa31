using System.Net;
using Candor.Data;
using Candor.Features.Platforms;
using Candor.Features.Tokens;
using Candor.Tests.Decisions;
using Candor.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Candor.Tests.MultiNode;

/// <summary>
/// Two real `candor serve` processes on one database issue one bare text for unrelated advertisers at the same time:
/// the boilerplate threshold holds across processes (PostgreSQL advisory locks; SQLite's write lock).
/// </summary>
public abstract class BoilerplateNodesTests
{
    protected abstract Task<string> NewDatabaseAsync();

    [Fact]
    public async Task Concurrent_issues_on_two_nodes_let_exactly_the_threshold_through()
    {
        const int attempts = 12;
        const int threshold = 5;
        var database = await NewDatabaseAsync();
        var starting = Enumerable.Range(0, 2).Select(_ => CandorServerProcess.StartAsync(database)).ToList();
        try
        {
            var nodes = await Task.WhenAll(starting);
            var (platformId, ingest, decisions) = await CreatePlatformAsync(database);
            using (var client = Client(nodes[0], ingest))
            {
                var advertisers = Enumerable.Range(0, attempts).Select(i => SampleRecords.Advertiser($"race-{i}", $"Race Advertiser {i} Ltd")).ToArray();
                (await client.PostAsync("/api/v1/advertisers", HttpAssertions.Json(advertisers))).EnsureSuccessStatusCode();
            }
            var clients = nodes.Select(n => Client(n, decisions)).ToList();
            var go = new TaskCompletionSource();
            var posts = Enumerable.Range(0, attempts).Select(i => Task.Run(async () =>
            {
                await go.Task;
                return await clients[i % clients.Count].PostAsync("/api/v1/decisions", HttpAssertions.Json(BoilerplateRaceTests.Bare($"race-{i}")));
            })).ToList();
            go.SetResult();
            var answers = await Task.WhenAll(posts);

            var statuses = string.Join(",", answers.Select(a => (int)a.StatusCode));
            Assert.True(answers.All(a => a.StatusCode is HttpStatusCode.Created or HttpStatusCode.UnprocessableEntity), statuses);
            Assert.Equal(threshold, answers.Count(a => a.StatusCode == HttpStatusCode.Created));
            Assert.Equal(threshold, await WithDbAsync(database, db => db.Decisions.CountAsync(d => d.PlatformId == platformId)));
            foreach (var client in clients) client.Dispose();
        }
        finally
        {
            foreach (var start in starting.Where(t => t.IsCompletedSuccessfully)) await (await start).DisposeAsync();
        }
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

    private static Task<(long, string, string)> CreatePlatformAsync(string database) => WithDbAsync(database, async db =>
    {
        var platform = await CreatePlatform.RunAsync(db, TimeProvider.System, "Boilerplate nodes", "bp-" + Guid.NewGuid().ToString("N")[..8], default);
        var ingest = await CreateToken.RunAsync(db, TimeProvider.System, platform.Id, "ingest", null, default);
        var decisions = await CreateToken.RunAsync(db, TimeProvider.System, platform.Id, "decisions", null, default, CreateToken.DecisionsWriteScope);
        return (platform.Id, ingest.Token, decisions.Token);
    });
}

public sealed class BoilerplateNodesTests_Sqlite : BoilerplateNodesTests
{
    protected override Task<string> NewDatabaseAsync() => Task.FromResult(TestFiles.NewSqlitePath("bp-nodes"));
}

public sealed class BoilerplateNodesTests_Postgres : BoilerplateNodesTests
{
    protected override Task<string> NewDatabaseAsync() => PostgresServer.CreateDatabaseAsync("bpnodes");
}
