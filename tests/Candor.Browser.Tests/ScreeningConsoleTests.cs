using Candor.Data;
using Candor.Features.Demo;
using Candor.Features.Screening;
using Candor.Features.Screening.Vetting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Candor.Browser.Tests;

/// <summary>
/// The screening console in a real browser without JavaScript: screen a name and read the explanation, then open the
/// finding the server's own background vetting raised for an advertiser and clear it with a reason.
/// </summary>
public sealed class ScreeningConsoleTests(CandorServer server) : IClassFixture<CandorServer>
{
    private const string ListFile = "id,name,aliases,type,country,listed_on,legal_basis,scope,source_url\n" +
                                    "bod-17-01,AO Kaspersky Lab,Kaspersky Lab;Kaspersky,organization,RU,2017-09-13,DHS BOD 17-01,Remove products,https://www.cisa.gov/bod-17-01\n";

    [Fact]
    public async Task A_reviewer_screens_a_name_sees_why_then_clears_a_finding_with_a_reason()
    {
        var finding = await FindingOnTheDemoPlatformAsync();
        var page = await server.NewPageAsync(javaScript: false);
        await page.GotoAsync("/console/sign-in");
        await page.GetByLabel("Email").FillAsync(DemoStory.ReviewerEmail);
        await page.GetByLabel("Password").FillAsync(DemoStory.ReviewerPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/console", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.DOMContentLoaded });

        await page.GetByRole(AriaRole.Link, new() { Name = "Screen a name against the restricted-party lists" }).ClickAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("JSC Kaspersky Lab");
        await page.GetByRole(AriaRole.Button, new() { Name = "Screen" }).ClickAsync();
        var match = page.Locator("section.match").First;
        await Assertions.Expect(match).ToContainTextAsync("AO Kaspersky Lab");
        await Assertions.Expect(match).ToContainTextAsync("bod-17-01");
        await Assertions.Expect(match.Locator("table")).ToContainTextAsync("legal-form");
        await Assertions.Expect(match).ToContainTextAsync("Legal forms: same family 'jsc'");

        await page.GotoAsync("/console/screening/findings");
        await page.Locator($"a[href^='/console/screening/findings/{finding}?']").ClickAsync();
        await Assertions.Expect(page.Locator("#state")).ToHaveTextAsync("open");
        await Assertions.Expect(page.Locator("#source-id")).ToHaveTextAsync("bod-17-01");
        await Assertions.Expect(page.Locator("#entry-source")).ToContainTextAsync("https://www.cisa.gov/bod-17-01");
        await Assertions.Expect(page.Locator("#explanation")).ToContainTextAsync("kaspersky");
        await page.GetByLabel("Reason").FillAsync("Kaspersky Bakery of Nuremberg, registry HRB 1234: not the listed company");
        await page.GetByRole(AriaRole.Button, new() { Name = "Clear: not this party" }).ClickAsync();

        await Assertions.Expect(page.Locator("#reviewed")).ToContainTextAsync("Cleared");
        await Assertions.Expect(page.Locator("#state")).ToHaveTextAsync("cleared");
        await Assertions.Expect(page.Locator("#review")).ToContainTextAsync("Kaspersky Bakery of Nuremberg");
        await page.ScreenshotAsync(new() { Path = CandorServer.ScreenshotPath("console-screening-finding-cleared.png"), FullPage = true });
    }

    /// <summary>A list with one entry and a demo-platform advertiser that matches it; the server's job runner raises the finding.</summary>
    private async Task<long> FindingOnTheDemoPlatformAsync()
    {
        var path = Path.Combine(Path.GetTempPath(), $"candor-browser-list-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(path, ListFile);
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CandorDb>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        await ImportList.RunAsync(db, clock, new ListImportRequest(path, "browser-dhs", "custom-csv"), null, CancellationToken.None);
        File.Delete(path);
        var platformId = await db.Platforms.Where(p => p.Slug == DemoData.PlatformSlug).Select(p => p.Id).SingleAsync();
        var token = await Candor.Features.Tokens.CreateToken.RunAsync(db, clock, platformId, "browser", null, CancellationToken.None, "ingest");
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token.Token);
        var response = await http.PostAsync("/api/v1/advertisers", new StringContent(
            """[{"id":"browser-kaspersky","legal_name":"Kaspersky Lab","country":"DE"}]""", System.Text.Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        // The ingest queued a screening job; the server's runner polls every second.
        for (var waited = 0; waited < 120; waited++)
        {
            var id = await db.ScreeningFindings.AsNoTracking()
                .Where(f => f.PlatformId == platformId && f.ListSlug == "browser-dhs" && f.State == FindingStates.Open).Select(f => (long?)f.Id).FirstOrDefaultAsync();
            if (id is { } found) return found;
            await Task.Delay(1000);
        }
        throw new TimeoutException("no finding was raised within two minutes");
    }
}
