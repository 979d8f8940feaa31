using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using Candor.Data;
using Candor.Features.Ads;
using Candor.Features.Evaluations;
using Candor.Features.Jobs;
using Candor.Features.Platforms;
using Candor.Features.Policies;
using Candor.Features.Tokens;
using Candor.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Candor.Bench;

/// <summary>
/// Ingestion with evaluation against ingestion without, in the same round: one platform with no policy in force (the
/// baseline: the evaluation job is still queued, and finds nothing to evaluate), one with the sample catalogue
/// (policies/): posting with the evaluation queued, draining those jobs (evaluation alone), and posting with
/// <c>?evaluate=sync</c>. Every phase posts new ad ids, so no table is emptied under the stored evaluations.
/// The host's job runner is off so the queued phase times the posts alone.
/// </summary>
public sealed class EvaluateBenchmark(BenchHost host, DatabaseEngine engine, int adCount, TextWriter log)
{
    public const string Baseline = "ingest, no policy in force";
    public const string Queued = "ingest, evaluation queued";
    public const string Drained = "queued evaluation jobs run";
    public const string QueuedTotal = "ingest + queued evaluation";
    public const string Sync = "ingest ?evaluate=sync";

    private readonly List<AdInput> _ads = SampleAds.Ads(adCount, seed: 39);
    private string _token = "";

    public async Task PrepareAsync(CancellationToken ct)
    {
        var token = await host.WithDbAsync(async db =>
        {
            var platform = await CreatePlatform.RunAsync(db, TimeProvider.System, "Bench platform with rules", "bench-rules", ct);
            var (catalogue, errors) = CatalogueReader.ReadDirectory(PoliciesDirectory());
            if (catalogue is null) throw new InvalidOperationException(string.Join("; ", errors));
            var import = await ImportPolicies.RunAsync(db, TimeProvider.System, catalogue, platform.Id, "bench", ct);
            if (!import.Accepted) throw new InvalidOperationException(string.Join("; ", import.Errors));
            log.WriteLine($"  sample catalogue: {catalogue.Policies.Sum(p => p.RuleCount)} rules in {catalogue.Policies.Count} policies");
            return (await CreateToken.RunAsync(db, TimeProvider.System, platform.Id, "bench", null, ct, "ingest")).Token;
        });
        _token = token;
        using var withRules = WithRules();
        var advertisers = JsonSerializer.SerializeToUtf8Bytes(SampleAds.Advertisers(), CandorJson.Output);
        using var baseline = host.Client();
        (await baseline.PostAsync("/api/v1/advertisers", Json(advertisers), ct)).EnsureSuccessStatusCode();
        (await withRules.PostAsync("/api/v1/advertisers", Json(advertisers), ct)).EnsureSuccessStatusCode();
        await DrainAsync(ct);
    }

    public async Task<List<Measurement>> RunRoundAsync(int round, CancellationToken ct)
    {
        var results = new List<Measurement>();
        Measurement Record(string phase, TimeSpan elapsed)
        {
            var m = new Measurement(engine, phase, round, _ads.Count, elapsed);
            results.Add(m);
            log.WriteLine($"  {engine,-8} round {round}  {phase,-36} {m.AdsPerSecond,10:N0} ads/s");
            return m;
        }
        async Task<TimeSpan> Time(Func<Task> action)
        {
            var watch = Stopwatch.StartNew();
            await action();
            return watch.Elapsed;
        }

        using var baseline = host.Client();
        using var withRules = WithRules();
        Record(Baseline, await Time(() => PostAllAsync(baseline, Batches($"r{round}b-"), "", ct)));
        await DrainAsync(ct); // the baseline's jobs: nothing in force, nothing stored
        var queued = Record(Queued, await Time(() => PostAllAsync(withRules, Batches($"r{round}q-"), "", ct)));
        var drained = Record(Drained, await Time(() => DrainAsync(ct)));
        Record(QueuedTotal, queued.Elapsed + drained.Elapsed);
        Record(Sync, await Time(() => PostAllAsync(withRules, Batches($"r{round}s-"), "?evaluate=sync", ct)));
        await DrainAsync(ct);
        var outcomes = await host.WithDbAsync(db => db.Evaluations.GroupBy(e => e.Outcome).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct));
        var decisions = await host.WithDbAsync(db => db.Decisions.CountAsync(ct));
        log.WriteLine($"  stored so far: {string.Join(", ", outcomes.Select(o => $"{o.Key} {o.Count:N0}"))}; automated decisions {decisions:N0}");
        return results;
    }

    private HttpClient WithRules()
    {
        var client = new HttpClient { BaseAddress = host.Address, Timeout = TimeSpan.FromMinutes(10) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        return client;
    }

    private Task<int> DrainAsync(CancellationToken ct) => host.Services.GetRequiredService<JobRunner>().RunUntilIdleAsync(ct);

    private byte[][] Batches(string prefix) =>
        _ads.Select(a => a with { Id = prefix + a.Id }).Chunk(AdLimits.BatchSize)
            .Select(b => JsonSerializer.SerializeToUtf8Bytes(b, CandorJson.Output)).ToArray();

    private static async Task PostAllAsync(HttpClient client, byte[][] bodies, string query, CancellationToken ct)
    {
        foreach (var body in bodies)
        {
            using var response = await client.PostAsync("/api/v1/ads" + query, Json(body), ct);
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"POST /api/v1/ads{query} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
            await response.Content.CopyToAsync(Stream.Null, ct);
        }
    }

    private static ByteArrayContent Json(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private static string PoliciesDirectory()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "policies", "adv-4-restricted-entities.yaml"))) return Path.Combine(dir.FullName, "policies");
        throw new InvalidOperationException("run from the repository: the sample catalogue policies/ was not found");
    }
}
