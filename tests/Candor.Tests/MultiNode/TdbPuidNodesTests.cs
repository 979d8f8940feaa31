using System.Net;
using System.Text.Json.Nodes;
using Candor.Data;
using Candor.Features.Platforms;
using Candor.Features.Tokens;
using Candor.Tests.Decisions;
using Candor.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Candor.Tests.MultiNode;

/// <summary>
/// Several real `candor serve` processes on one database receive overlapping TDB statements at the same time.
/// Each puid must be stored exactly once, and every call that lost gets the TDB's duplicate 422 and stores nothing.
/// </summary>
public abstract class TdbPuidNodesTests
{
    protected abstract Task<string> NewDatabaseAsync();

    [Fact]
    public async Task Overlapping_statements_sent_to_several_nodes_store_each_puid_once()
    {
        var database = await NewDatabaseAsync();
        var starting = Enumerable.Range(0, 3).Select(_ => CandorServerProcess.StartAsync(database)).ToList();
        try
        {
            var nodes = await Task.WhenAll(starting);
            var (platformId, token) = await CreatePlatformTokenAsync(database);
            var clients = nodes.Select(n => Client(n, token)).ToList();

            // Node n sends windows of 10 puids starting at offsets shifted by 5 * n, so every puid is wanted by
            // two or three calls on different nodes; each node also races single posts of three shared puids.
            var calls = new List<(string[] Puids, Task<HttpResponseMessage> Response)>();
            var go = new TaskCompletionSource();
            for (var n = 0; n < clients.Count; n++)
            {
                var client = clients[n];
                for (var start = (n % 2) * 5; start < 80; start += 10)
                {
                    var puids = Enumerable.Range(start, 10).Select(i => $"p-{i}").ToArray();
                    var body = new JsonObject { ["statements"] = new JsonArray(puids.Select(p => (JsonNode)TdbSamples.Statement(p)).ToArray()) };
                    calls.Add((puids, Task.Run(async () => { await go.Task; return await client.PostAsync("/api/v1/statements", HttpAssertions.Json(body.ToJsonString())); })));
                }
                foreach (var single in new[] { "s-1", "s-2", "s-3" })
                    calls.Add(([single], Task.Run(async () => { await go.Task; return await client.PostAsync("/api/v1/statement", HttpAssertions.Json(TdbSamples.Statement(single).ToJsonString())); })));
            }
            go.SetResult();
            await Task.WhenAll(calls.Select(c => c.Response));

            var stored = await WithDbAsync(database, db => db.Decisions.Where(d => d.PlatformId == platformId).Select(d => d.Puid).ToListAsync());
            Assert.Equal(stored.Count, stored.Distinct(StringComparer.Ordinal).Count());
            var acceptedPuids = new List<string>();
            foreach (var (puids, response) in calls)
            {
                var answer = await (await response).Content.ReadAsStringAsync();
                var status = (await response).StatusCode;
                if (status == HttpStatusCode.Created)
                {
                    acceptedPuids.AddRange(puids);
                    continue;
                }
                Assert.True(status == HttpStatusCode.UnprocessableEntity, $"{(int)status}: {answer}\n{NodeLogs(nodes)}");
                var json = JsonNode.Parse(answer)!;
                var existing = puids.Length == 1
                    ? [json["existing"]!["puid"]!.GetValue<string>()]
                    : json["errors"]!["existing_puids"]!.AsArray().Select(p => p!.GetValue<string>()).ToArray();
                Assert.NotEmpty(existing);
                Assert.All(existing, p => Assert.Contains(p, stored));
            }
            // What was stored is exactly what the successful calls sent: each puid by one call, nothing from a refused call.
            Assert.Equal(acceptedPuids.Order(StringComparer.Ordinal), stored.Order(StringComparer.Ordinal));
            Assert.Equal(3, stored.Count(p => p.StartsWith("s-", StringComparison.Ordinal)));
            Assert.True(stored.Count >= 40, $"only {stored.Count} stored");
            var events = await WithDbAsync(database, db => db.DecisionEvents.CountAsync());
            Assert.Equal(stored.Count, events);
        }
        finally
        {
            foreach (var start in starting.Where(t => t.IsCompletedSuccessfully)) await (await start).DisposeAsync();
        }
    }

    /// <summary>What the nodes logged, so a server error explains itself in the test report.</summary>
    private static string NodeLogs(IEnumerable<CandorServerProcess> nodes) =>
        string.Join("\n", nodes.Select((n, i) => $"--- node {i} ---\n{(n.Output.Length > 6000 ? n.Output[^6000..] : n.Output)}"));

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

    private static Task<(long, string)> CreatePlatformTokenAsync(string database) => WithDbAsync(database, async db =>
    {
        var platform = await CreatePlatform.RunAsync(db, TimeProvider.System, "TDB nodes", "tdb-" + Guid.NewGuid().ToString("N")[..8], default);
        var token = await CreateToken.RunAsync(db, TimeProvider.System, platform.Id, "nodes", null, default, CreateToken.DecisionsWriteScope);
        return (platform.Id, token.Token);
    });
}

public sealed class TdbPuidNodesTests_Sqlite : TdbPuidNodesTests
{
    protected override Task<string> NewDatabaseAsync() => Task.FromResult(TestFiles.NewSqlitePath("tdb-nodes"));
}

public sealed class TdbPuidNodesTests_Postgres : TdbPuidNodesTests
{
    protected override Task<string> NewDatabaseAsync() => PostgresServer.CreateDatabaseAsync("tdbnodes");
}
