using System.Net;
using Candor.Tests.Infrastructure;

namespace Candor.Tests.Ads;

/// <summary>The ingestion writes go through direct SQL (Features/Ads/AdRowWrites.cs); these pin what they must keep.</summary>
public abstract class AdIngestionStorageTests(AppFixture app)
{
    [Fact]
    public async Task Concurrent_identical_batches_store_each_ad_once()
    {
        var platform = await app.CreatePlatformAsync();
        (await platform.Client.PostJsonAsync("/api/v1/advertisers", new[] { SampleRecords.Advertiser("adv-1") })).EnsureSuccessStatusCode();
        var batch = Enumerable.Range(0, 200).Select(i => SampleRecords.Ad($"ad-{i}", "adv-1")).ToArray();

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => platform.Client.PostJsonAsync("/api/v1/ads", batch)));
        var answers = await Task.WhenAll(responses.Select(r => r.ReadJsonAsync(HttpStatusCode.OK)));

        Assert.Equal(200, answers.Sum(a => a["created"]!.GetValue<int>()));
        Assert.Equal(600, answers.Sum(a => a["unchanged"]!.GetValue<int>() + a["updated"]!.GetValue<int>()));
        Assert.Equal(HttpStatusCode.OK, (await platform.Client.GetAsync("/api/v1/ads/ad-199")).StatusCode);
    }

    [Fact]
    public async Task An_update_replaces_the_record_but_keeps_when_it_was_created()
    {
        var platform = await app.CreatePlatformAsync();
        (await platform.Client.PostJsonAsync("/api/v1/advertisers", new[] { SampleRecords.Advertiser("adv-1") })).EnsureSuccessStatusCode();
        (await platform.Client.PostJsonAsync("/api/v1/ads", new[] { SampleRecords.Ad("ad-1", "adv-1") })).EnsureSuccessStatusCode();
        var created = await (await platform.Client.GetAsync("/api/v1/ads/ad-1")).ReadJsonAsync(HttpStatusCode.OK);

        app.Clock.Advance(TimeSpan.FromHours(1));
        var changed = SampleRecords.Ad("ad-1", "adv-1").Without("body").With("spend_min", 10.5m).With("spend_max", 20m).With("currency", "EUR");
        var answer = await (await platform.Client.PostJsonAsync("/api/v1/ads", new[] { changed })).ReadJsonAsync(HttpStatusCode.OK);
        var updated = await (await platform.Client.GetAsync("/api/v1/ads/ad-1")).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal(1, answer["updated"]!.GetValue<int>());
        Assert.Equal(created["candor_id"]!.GetValue<long>(), updated["candor_id"]!.GetValue<long>());
        Assert.Equal(created["created_at"]!.GetValue<DateTimeOffset>(), updated["created_at"]!.GetValue<DateTimeOffset>());
        Assert.Equal(created["created_at"]!.GetValue<DateTimeOffset>().AddHours(1), updated["updated_at"]!.GetValue<DateTimeOffset>());
        Assert.Null(updated["ad"]!["body"]);
        Assert.Equal(10.5m, updated["ad"]!["spend_min"]!.GetValue<decimal>());
        Assert.Equal(1500, updated["ad"]!["reach_total"]!.GetValue<long>());
    }
}

public sealed class AdIngestionStorageTests_Sqlite(SqliteApp app) : AdIngestionStorageTests(app), IClassFixture<SqliteApp>;

public sealed class AdIngestionStorageTests_Postgres(PostgresApp app) : AdIngestionStorageTests(app), IClassFixture<PostgresApp>;
