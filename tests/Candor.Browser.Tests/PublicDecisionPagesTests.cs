using Candor.Data;
using Candor.Features.Decisions;
using Candor.Features.Platforms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Candor.Browser.Tests;

/// <summary>A person with JavaScript off finding a decision by its policy clause and reading its statement of reasons.</summary>
public sealed class PublicDecisionPagesTests(CandorServer server) : IClassFixture<CandorServer>
{
    [Fact]
    public async Task Search_by_clause_then_open_the_decision_without_JavaScript()
    {
        var clause = "ads.7." + Guid.NewGuid().ToString("N")[..6];
        var uuid = await AddDecisionAsync(clause);
        var page = await server.NewPageAsync(javaScript: false);

        await page.GotoAsync("/decisions");
        await page.GetByLabel("Policy clause").FillAsync(clause);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("clause=", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        Assert.Equal(1, await page.Locator("ol.decisions li.decision-card").CountAsync());
        await page.Locator("ol.decisions a.ad-title").First.ClickAsync();

        await page.WaitForURLAsync(url => url.EndsWith($"/decisions/{uuid}", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        Assert.Contains("fake regulator seal", await page.Locator("dl.fields dt:text-is(\"Facts and circumstances\") + dd").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains(clause, await page.Locator("dl.fields dt:text-is(\"Policy clause\") + dd").InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = CandorServer.ScreenshotPath("decision-detail-no-javascript.png"), FullPage = true });
    }

    private async Task<Guid> AddDecisionAsync(string clause)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CandorDb>();
        var clock = TimeProvider.System;
        var platform = await CreatePlatform.RunAsync(db, clock, "Browser Platform", "b-" + Guid.NewGuid().ToString("N")[..10], default);
        var now = clock.GetUtcNow();
        var decision = new Decision
        {
            Uuid = Guid.NewGuid(), PlatformId = platform.Id, Puid = "browser-1", Origin = DecisionOrigins.Candor, Method = DecisionMethods.Form,
            EvidenceJson = "[]", Status = DecisionStatuses.Issued, CreatedAt = now, IssuedAt = now, EffectiveAt = now, ClauseId = clause,
            ClauseVersion = "3", DecisionVisibility = "[\"DECISION_VISIBILITY_CONTENT_REMOVED\"]", DecisionGround = "DECISION_GROUND_INCOMPATIBLE_CONTENT",
            IncompatibleContentGround = "Advertising policy 7", IncompatibleContentExplanation = "Fake endorsements are not allowed.",
            ContentType = "[\"CONTENT_TYPE_IMAGE\"]", Category = "STATEMENT_CATEGORY_SCAMS_AND_FRAUD", CategoryAddition = "[]", CategorySpecification = "[]",
            TerritorialScope = "[]", ContentDate = DateOnly.FromDateTime(now.UtcDateTime), ApplicationDate = DateOnly.FromDateTime(now.UtcDateTime),
            DecisionFacts = "The ad image shows a fake regulator seal next to the product.", SourceType = "SOURCE_VOLUNTARY",
            AutomatedDetection = false, AutomatedDecision = "AUTOMATED_DECISION_NOT_AUTOMATED",
        };
        db.Decisions.Add(decision);
        await db.SaveChangesAsync();
        return decision.Uuid;
    }
}
