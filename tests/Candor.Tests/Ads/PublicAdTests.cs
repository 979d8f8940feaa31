using System.Net;
using System.Text.Json.Nodes;
using Candor.Tests.Infrastructure;

namespace Candor.Tests.Ads;

public abstract class PublicAdTests(AppFixture app)
{
    /// <summary>A platform with ads whose words are unique to the calling test, so searches see only them.</summary>
    private async Task<(TestPlatform Platform, string Word)> PlatformWithAdsAsync(int count, Func<int, string, Dictionary<string, object?>, Dictionary<string, object?>>? shape = null)
    {
        var platform = await app.CreatePlatformAsync();
        var word = "w" + Guid.NewGuid().ToString("N")[..10];
        (await platform.Client.PostJsonAsync("/api/v1/advertisers", new[]
        {
            SampleRecords.Advertiser("adv-a", legalName: $"Alpha {word} GmbH"),
            SampleRecords.Advertiser("adv-b", legalName: $"Beta {word} SA", country: "FR"),
        })).EnsureSuccessStatusCode();
        var ads = Enumerable.Range(0, count).Select(i =>
        {
            var ad = SampleRecords.Ad($"ad-{i}", i % 2 == 0 ? "adv-a" : "adv-b", title: $"Offer {i} {word}")
                .With("delivery_start", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(i % 5))
                .With("delivery_end", new DateTimeOffset(2026, 1, 10, 0, 0, 0, TimeSpan.Zero).AddDays(i % 5));
            return shape is null ? ad : shape(i, word, ad);
        }).ToArray();
        (await platform.Client.PostJsonAsync("/api/v1/ads", ads)).EnsureSuccessStatusCode();
        return (platform, word);
    }

    private async Task<JsonNode> SearchAsync(string query) =>
        await (await app.Anonymous().GetAsync("/api/v1/public/ads?" + query)).ReadJsonAsync(HttpStatusCode.OK);

    [Fact]
    public async Task Cursor_pages_visit_every_ad_once_newest_delivery_first()
    {
        var (_, word) = await PlatformWithAdsAsync(23);
        var seen = new List<(DateTimeOffset Start, long Id)>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await SearchAsync($"q={word}&limit=5" + (cursor is null ? "" : "&cursor=" + cursor));
            seen.AddRange(page["data"]!.AsArray().Select(a => (a!["delivery_start"]!.GetValue<DateTimeOffset>(), a["id"]!.GetValue<long>())));
            cursor = page["next_cursor"]?.GetValue<string>();
            pages++;
        }
        while (cursor is not null && pages < 20);

        Assert.Equal(23, seen.Count);
        Assert.Equal(23, seen.Select(s => s.Id).Distinct().Count());
        Assert.Equal(seen.OrderByDescending(s => s.Start).ThenByDescending(s => s.Id), seen);
        Assert.Equal(5, pages);
    }

    [Fact]
    public async Task Filters_narrow_by_advertiser_payer_country_status_and_period()
    {
        var (_, word) = await PlatformWithAdsAsync(10, (i, w, ad) => i switch
        {
            0 => ad.With("payer", $"Gamma {w} Fund").With("reach_by_country", new Dictionary<string, long> { ["PL"] = 10 }),
            1 => ad.With("status", "active").With("payer", null),
            _ => ad,
        });

        Assert.Equal(5, (await SearchAsync($"advertiser=beta%20{word}"))["data"]!.AsArray().Count);
        Assert.Single((await SearchAsync($"payer=gamma%20{word}"))["data"]!.AsArray());
        // No payer given: the advertiser paid, and a payer search finds it by the advertiser's name.
        Assert.Contains((await SearchAsync($"payer=beta%20{word}"))["data"]!.AsArray(), a => a!["platform_ad_id"]!.GetValue<string>() == "ad-1");
        Assert.Single((await SearchAsync($"q={word}&country=PL"))["data"]!.AsArray());
        Assert.Single((await SearchAsync($"q={word}&status=active"))["data"]!.AsArray());
        // Ads ran from Jan 1-5 to Jan 10-14; only those still running on Jan 14 overlap [Jan 14, Jan 20].
        Assert.Equal(2, (await SearchAsync($"q={word}&from=2026-01-14T00:00:00Z&to=2026-01-20T00:00:00Z"))["data"]!.AsArray().Count);
    }

    [Fact]
    public async Task Keyword_search_ignores_case_and_accents()
    {
        var (_, word) = await PlatformWithAdsAsync(1, (_, _, ad) => ad.With("body", "Günstige Regenjacken für Köln"));

        var found = await SearchAsync($"q=GUNSTIGE%20regenjacken&advertiser={word}");

        Assert.Single(found["data"]!.AsArray());
    }

    [Fact]
    public async Task A_public_ad_shows_every_art_39_field()
    {
        var (_, word) = await PlatformWithAdsAsync(1);
        var id = (await SearchAsync($"q={word}"))["data"]![0]!["id"]!.GetValue<long>();

        var ad = await (await app.Anonymous().GetAsync($"/api/v1/public/ads/{id}")).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal("Acme Outdoor GmbH", ad["on_whose_behalf"]!.GetValue<string>());
        Assert.Equal("Acme Holding AG", ad["who_paid"]!.GetValue<string>());
        Assert.True(ad["targeted"]!.GetValue<bool>());
        Assert.Equal("included", ad["targeting"]![0]!["mode"]!.GetValue<string>());
        Assert.Equal(1500, ad["reach_total"]!.GetValue<long>());
        Assert.Equal(300, ad["reach_by_country"]!["AT"]!.GetValue<long>());
        Assert.NotNull(ad["delivery_start"]);
        Assert.NotNull(ad["commercial_communication"]);
    }

    [Fact]
    public async Task A_removed_ad_withholds_content_but_stays_listed()
    {
        var (_, word) = await PlatformWithAdsAsync(1, (_, w, ad) => ad.With("status", "removed").With("body", $"secret claim {w}"));

        var list = await SearchAsync($"advertiser={word}");
        var ad = list["data"]![0]!;

        Assert.True(ad["content_withheld"]!.GetValue<bool>());
        Assert.Null(ad["body"]);
        Assert.Equal("(withheld)", ad["who_paid"]!.GetValue<string>());
        Assert.Equal("removed", ad["status"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("country=Germany", "country")]
    [InlineData("status=paused", "status")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=201", "limit")]
    [InlineData("cursor=%21%21", "cursor")]
    [InlineData("from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", "to")]
    public async Task Bad_search_parameters_are_a_400_naming_the_parameter(string query, string key)
    {
        var problem = await (await app.Anonymous().GetAsync("/api/v1/public/ads?" + query)).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains(key, problem.ErrorKeys());
    }

    [Fact]
    public async Task An_unknown_ad_is_a_404_problem()
    {
        await (await app.Anonymous().GetAsync("/api/v1/public/ads/987654321")).ReadProblemAsync(HttpStatusCode.NotFound);
    }
}

public sealed class PublicAdTests_Sqlite(SqliteApp app) : PublicAdTests(app), IClassFixture<SqliteApp>;

public sealed class PublicAdTests_Postgres(PostgresApp app) : PublicAdTests(app), IClassFixture<PostgresApp>;
