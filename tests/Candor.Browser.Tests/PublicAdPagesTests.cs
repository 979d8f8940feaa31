using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Candor.Browser.Tests;

/// <summary>A person using the public ad repository: search, open an ad, read its DSA Art. 39 fields.</summary>
public sealed class PublicAdPagesTests(CandorServer server, ITestOutputHelper output) : IClassFixture<CandorServer>
{
    [Fact]
    public async Task Search_then_open_an_ad_shows_advertiser_payer_targeting_and_reach()
    {
        var page = await server.NewPageAsync();

        await SearchAsync(page, "AAAS");
        await page.ScreenshotAsync(new() { Path = Saved("ads-search.png"), FullPage = true });
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new("^If you love science as much as we do") }).ClickAsync();

        await AssertDsaFieldsAsync(page, advertiser: "AAAS - The American Association for the Advancement of Science", targeting: "Global warming");
        await page.ScreenshotAsync(new() { Path = Saved("ads-detail.png"), FullPage = true });
    }

    [Fact]
    public async Task The_Meta_ad_shows_who_paid_spend_and_impressions()
    {
        var page = await server.NewPageAsync();

        await SearchAsync(page, "Bloomberg");
        await page.Locator("li.ad-card", new() { HasText = "Mike Bloomberg" }).Locator("a.ad-title").ClickAsync();

        Assert.Equal("Bloomberg Philanthropies", (await Field(page, "Who paid").InnerTextAsync()).Trim());
        Assert.Equal("300 – 399 USD", (await Field(page, "Spend").InnerTextAsync()).Trim());
        Assert.Equal("10,000 – 14,999", (await Field(page, "Impressions").InnerTextAsync()).Trim());
        await page.ScreenshotAsync(new() { Path = Saved("ads-detail-meta.png"), FullPage = true });
    }

    [Fact]
    public async Task Search_and_detail_work_without_JavaScript()
    {
        var page = await server.NewPageAsync(javaScript: false);

        await SearchAsync(page, "singing guitarists");
        Assert.Contains("q=singing+guitarists", page.Url, StringComparison.Ordinal);
        await page.Locator("ol.ads a.ad-title").First.ClickAsync();

        await AssertDsaFieldsAsync(page, advertiser: "The Singing Guitarists", targeting: "No targeting parameters reported.");
        Assert.Contains("I\u2019m here to help women", await page.Locator("dd.body").InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = Saved("ads-detail-no-javascript.png"), FullPage = true });
    }

    private static async Task SearchAsync(IPage page, string keyword)
    {
        await page.GotoAsync("/ads");
        await page.GetByLabel("Keyword").FillAsync(keyword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("q=", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        Assert.True(await page.Locator("ol.ads li.ad-card").CountAsync() > 0, $"No results for '{keyword}'");
    }

    private static async Task AssertDsaFieldsAsync(IPage page, string advertiser, string targeting)
    {
        await page.WaitForURLAsync(url => url.Contains("/ads/", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        Assert.StartsWith(advertiser, (await Field(page, "Advertiser").InnerTextAsync()).Trim(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(await Field(page, "Who paid").InnerTextAsync()));
        Assert.Contains(targeting, await Field(page, "Targeted").InnerTextAsync(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(await Field(page, "Total reach").InnerTextAsync()));
    }

    private static ILocator Field(IPage page, string term) =>
        page.Locator($"dl.fields dt:text-is(\"{term}\") + dd");

    private string Saved(string name)
    {
        var path = CandorServer.ScreenshotPath(name);
        output.WriteLine($"Screenshot: {path}");
        Console.WriteLine($"Screenshot: {path}");
        return path;
    }
}
