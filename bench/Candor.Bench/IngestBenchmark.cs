using System.Net.Http.Headers;
using System.Text.Json;
using Candor.Data;
using Candor.Features.Ads;
using Candor.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Candor.Bench;

public sealed record Measurement(DatabaseEngine Engine, string Phase, int Round, int Ads, TimeSpan Elapsed)
{
    public double AdsPerSecond => Ads / Elapsed.TotalSeconds;
}

/// <summary>
/// Ads per second through POST /api/v1/ads against raw batched inserts of the same rows into the same table,
/// phase by phase, interleaved within each round so machine noise hits every phase alike.
/// </summary>
public sealed class IngestBenchmark(BenchHost host, DatabaseEngine engine, int adCount, TextWriter log)
{
    public const string Raw = "raw insert (baseline)";
    public const string RawCopy = "raw COPY";
    public const string Created = "API, 1 client, new ads";
    public const string CreatedTwoClients = "API, 2 clients, new ads";
    public const string Unchanged = "API, 1 client, re-post (unchanged)";
    public const string Updated = "API, 1 client, update pass";

    private readonly List<AdInput> _ads = SampleAds.Ads(adCount, seed: 39);
    private byte[][] _created = [];
    private byte[][] _updated = [];
    private string[] _columns = [];
    private List<object?[]> _rows = [];
    private List<Ad> _adRows = [];

    public async Task PrepareAsync(CancellationToken ct)
    {
        using var client = host.Client();
        var advertisers = await client.PostAsync("/api/v1/advertisers", Json(JsonSerializer.SerializeToUtf8Bytes(SampleAds.Advertisers(), CandorJson.Output)), ct);
        advertisers.EnsureSuccessStatusCode();
        _created = Batches(_ads);
        _updated = Batches(_ads.Select(SampleAds.Changed).ToList());
        (_columns, _rows) = await host.WithDbAsync(async db =>
        {
            var ids = await db.Advertisers.Where(a => a.PlatformId == host.PlatformId).ToDictionaryAsync(a => a.ExternalId, a => a.Id, StringComparer.Ordinal, ct);
            var now = TimeProvider.System.GetUtcNow();
            _adRows = _ads.Select(a => a.Normalised()).Select(a => UpsertAds.NewAd(host.PlatformId, a, ids[a.AdvertiserId!], SerialisedAd.Of(a), now)).ToList();
            return RawAdInsert.ToColumns(db, _adRows);
        });
    }

    public async Task<List<Measurement>> RunRoundAsync(int round, CancellationToken ct)
    {
        var results = new List<Measurement>();
        var meter = await host.WithDbAsync(db => CpuMeter.ForAsync(db, ct));
        async Task Measure(string phase, Func<Task> action)
        {
            var cpuBefore = meter.Read();
            var (elapsed, jit, _) = await JitWarmUp.TimeAsync(action);
            var cpu = meter.Read() - cpuBefore;
            var m = new Measurement(engine, phase, round, _ads.Count, elapsed);
            results.Add(m);
            // CPU per ad of the bench process (Candor and its HTTP client, or the raw loop) and of the PostgreSQL server.
            var postgres = engine == DatabaseEngine.Postgres ? $", {cpu.Postgres * 1e6 / _ads.Count,4:N0} µs postgres" : "";
            log.WriteLine($"  {engine,-8} round {round}  {phase,-36} {m.AdsPerSecond,10:N0} ads/s   JIT {jit.TotalMilliseconds,5:N0} ms" +
                          $"   cpu per ad {cpu.BenchProcess * 1e6 / _ads.Count,4:N0} µs bench{postgres}");
        }

        await MeasureRawAsync(Measure, ct);
        await host.ClearAdsAsync(ct);
        using var client = host.Client();
        await Measure(Created, () => PostAllAsync(client, _created, ct));
        await Measure(Unchanged, () => PostAllAsync(client, _created, ct));
        await Measure(Updated, () => PostAllAsync(client, _updated, ct));
        await host.ClearAdsAsync(ct);
        using var second = host.Client();
        await Measure(CreatedTwoClients, () => Task.WhenAll(
            PostAllAsync(client, _created.Where((_, i) => i % 2 == 0).ToArray(), ct),
            PostAllAsync(second, _created.Where((_, i) => i % 2 == 1).ToArray(), ct)));
        var stored = await host.WithDbAsync(db => db.Ads.CountAsync(ct));
        if (stored != _ads.Count) throw new InvalidOperationException($"Expected {_ads.Count} ads stored, found {stored}.");
        // The baseline again at the end of the round, so a load change during the round moves both ends of the ratio.
        await MeasureRawAsync(Measure, ct);
        return results;
    }

    private async Task MeasureRawAsync(Func<string, Func<Task>, Task> measure, CancellationToken ct)
    {
        await host.ClearAdsAsync(ct);
        await measure(Raw, () => host.WithDbAsync(async db => { await RawAdInsert.InsertAsync(db, _columns, _rows, AdLimits.BatchSize, ct); return 0; }));
        if (engine != DatabaseEngine.Postgres) return;
        // PostgreSQL's other bulk insert, the one the API uses for new ads: binary COPY of the same rows.
        await host.ClearAdsAsync(ct);
        await measure(RawCopy, () => host.WithDbAsync(async db => { await RawAdInsert.CopyAsync(db, _adRows, AdLimits.BatchSize, ct); return 0; }));
    }

    private static byte[][] Batches(List<AdInput> ads) =>
        ads.Chunk(AdLimits.BatchSize).Select(b => JsonSerializer.SerializeToUtf8Bytes(b, CandorJson.Output)).ToArray();

    private static async Task PostAllAsync(HttpClient client, byte[][] bodies, CancellationToken ct)
    {
        foreach (var body in bodies) await PostAsync(client, body, ct);
    }

    private static async Task PostAsync(HttpClient client, byte[] body, CancellationToken ct)
    {
        using var response = await client.PostAsync("/api/v1/ads", Json(body), ct);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"POST /api/v1/ads answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
        await response.Content.CopyToAsync(Stream.Null, ct);
    }

    private static ByteArrayContent Json(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }
}
