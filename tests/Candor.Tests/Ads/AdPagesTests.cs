using System.Net;
using Candor.Tests.Infrastructure;

namespace Candor.Tests.Ads;

/// <summary>The server-rendered pages, read as HTML over HTTP (no JavaScript involved).</summary>
public abstract class AdPagesTests(AppFixture app)
{
    [Fact]
    public async Task The_ads_page_finds_an_ad_by_keyword_and_links_to_it()
    {
        var platform = await app.CreatePlatformAsync();
        var word = "p" + Guid.NewGuid().ToString("N")[..10];
        (await platform.Client.PostJsonAsync("/api/v1/advertisers", new[] { SampleRecords.Advertiser("adv") })).EnsureSuccessStatusCode();
        (await platform.Client.PostJsonAsync("/api/v1/ads", new[] { SampleRecords.Ad("ad", "adv", title: $"Boots {word}") })).EnsureSuccessStatusCode();

        var html = await app.Anonymous().GetStringAsync($"/ads?q={word}");
        var id = (await app.Anonymous().GetJsonAsync<System.Text.Json.Nodes.JsonNode>($"/api/v1/public/ads?q={word}"))!["data"]![0]!["id"]!.GetValue<long>();

        Assert.Contains($"Boots {word}", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/ads/{id}\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_ad_page_shows_payer_targeting_and_reach()
    {
        var platform = await app.CreatePlatformAsync();
        (await platform.Client.PostJsonAsync("/api/v1/advertisers", new[] { SampleRecords.Advertiser("adv") })).EnsureSuccessStatusCode();
        var word = "d" + Guid.NewGuid().ToString("N")[..10];
        (await platform.Client.PostJsonAsync("/api/v1/ads", new[] { SampleRecords.Ad("ad", "adv", title: word) })).EnsureSuccessStatusCode();
        var id = (await app.Anonymous().GetJsonAsync<System.Text.Json.Nodes.JsonNode>($"/api/v1/public/ads?q={word}"))!["data"]![0]!["id"]!.GetValue<long>();

        var html = await app.Anonymous().GetStringAsync($"/ads/{id}");

        Assert.Contains("Acme Holding AG", html, StringComparison.Ordinal);
        Assert.Contains("25-54", html, StringComparison.Ordinal);
        Assert.Contains("AT: 300", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_search_shows_a_readable_error_not_a_crash()
    {
        var response = await app.Anonymous().GetAsync("/ads?country=Narnia&from=yesterday");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Please correct the search", html, StringComparison.Ordinal);
        Assert.Contains("ISO 3166-1", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_ad_page_is_a_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync("/ads/99999999")).StatusCode);
    }
}

public sealed class AdPagesTests_Sqlite(SqliteApp app) : AdPagesTests(app), IClassFixture<SqliteApp>;

public sealed class AdPagesTests_Postgres(PostgresApp app) : AdPagesTests(app), IClassFixture<PostgresApp>;
