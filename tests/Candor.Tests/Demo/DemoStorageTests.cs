using System.Net;
using Candor.Data;
using Candor.Features.Demo;
using Candor.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Candor.Tests.Demo;

/// <summary>`serve --demo` on a fresh database of each engine: every public sample ad is stored and searchable.</summary>
public abstract class DemoStorageTests(AppFixture app)
{
    private const int PublicAds = 1844 + 20 + 1;

    [Fact]
    public async Task Demo_data_stores_every_sample_ad_once_even_when_loaded_again()
    {
        var generated = DemoData.GeneratedSet(app.Clock.GetUtcNow()).Item2.Count + DemoStory.Ads(app.Clock.GetUtcNow()).Count;

        await app.WithDbAsync(async db =>
        {
            await DemoData.LoadIfEmptyAsync(db, app.Clock, NullLogger.Instance, CancellationToken.None);
            return 0;
        });

        Assert.Equal(PublicAds + generated, await app.WithDbAsync(db => db.Ads.CountAsync()));
        Assert.Equal(1, await app.WithDbAsync(db => db.Platforms.CountAsync()));
    }

    [Fact]
    public async Task The_story_is_loaded_done_right_next_to_its_refused_boilerplate_attempt_and_the_demo_reviewer_can_see_both()
    {
        var decision = await app.WithDbAsync(db => db.Decisions.AsNoTracking()
            .SingleAsync(d => d.AdvertiserId == db.Advertisers.Where(a => a.ExternalId == DemoStory.AdvertiserId).Select(a => a.Id).First()));
        Assert.Equal("issued", decision.Status);
        Assert.Equal(("ADV-4", "ADV-4.3", "1.0"), (decision.ClausePolicyId, decision.ClauseId, decision.ClauseVersion));
        Assert.Contains(DemoStory.ListUrl, decision.EvidenceJson, StringComparison.Ordinal);
        Assert.Contains("kestrel-1, kestrel-2 and kestrel-3", decision.DecisionFacts, StringComparison.Ordinal);
        Assert.Equal("person", decision.DeciderKind);
        var refusal = await app.WithDbAsync(db => db.AuditEvents.AsNoTracking().SingleAsync(e => e.Action == "decision.refused"));
        Assert.Equal(DemoStory.AdvertiserId, refusal.Subject);
        Assert.Contains("known boilerplate", refusal.Detail, StringComparison.Ordinal);

        var email = await app.Mail.WaitForAsync(DemoStory.ContactEmail);
        Assert.Contains("clause ADV-4.3, version 1.0 — ", email.TextBody, StringComparison.Ordinal);
        // The notice's link opens the clause's text in the version relied on (it used to 404).
        var link = System.Text.RegularExpressions.Regex.Match(email.TextBody!, @"clause ADV-4\.3, version 1\.0 — (\S+)").Groups[1].Value;
        var clausePage = await app.Anonymous().GetAsync(new Uri(link).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, clausePage.StatusCode);
        Assert.Contains("Security and communications products of restricted vendors", await clausePage.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.EndsWith("#ADV-4.3", link, StringComparison.Ordinal);

        var browser = ConsoleForms.Browser(app.BaseAddress);
        Assert.Equal(HttpStatusCode.Redirect, (await ConsoleForms.SignInAsync(browser, DemoStory.ReviewerEmail, DemoStory.ReviewerPassword)).StatusCode);
        var console = await browser.GetStringAsync("/console/decisions");
        Assert.Contains(decision.Uuid.ToString(), console, StringComparison.Ordinal);
        Assert.Contains("known boilerplate", console, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Public_search_finds_a_repaired_Guardian_ad_by_keyword()
    {
        var page = await (await app.Anonymous().GetAsync("/api/v1/public/ads?q=singing%20guitarists")).ReadJsonAsync(HttpStatusCode.OK);

        var ad = Assert.Single(page["data"]!.AsArray(), a => a!["platform_ad_id"]!.GetValue<string>() == "975733956964675")!;
        Assert.Contains("I\u2019m here to help women", ad["body"]!.GetValue<string>());
        Assert.Equal("AU", ad["advertiser"]!["country"]!.GetValue<string>());
    }

    [Fact]
    public async Task Public_search_finds_the_Meta_ad_by_its_payer_with_spend_and_impressions()
    {
        var page = await (await app.Anonymous().GetAsync("/api/v1/public/ads?payer=bloomberg%20philanthropies")).ReadJsonAsync(HttpStatusCode.OK);

        var ad = Assert.Single(page["data"]!.AsArray())!;
        Assert.Equal("679808276335343", ad["platform_ad_id"]!.GetValue<string>());
        Assert.Equal("Bloomberg Philanthropies", ad["who_paid"]!.GetValue<string>());
        Assert.Equal(300m, ad["spend"]!["min"]!.GetValue<decimal>());
        Assert.Equal("USD", ad["currency"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_ProPublica_ad_keeps_its_targeting_in_the_public_record()
    {
        var page = await (await app.Anonymous().GetAsync("/api/v1/public/ads?q=love%20science")).ReadJsonAsync(HttpStatusCode.OK);

        var ad = Assert.Single(page["data"]!.AsArray(), a => a!["platform_ad_id"]!.GetValue<string>() == "23842736650480676")!;
        Assert.True(ad["targeted"]!.GetValue<bool>());
        Assert.Contains(ad["targeting"]!.AsArray(), t => t!["category"]!.GetValue<string>() == "interest"
            && t["values"]![0]!.GetValue<string>() == "Global warming");
    }
}

public sealed class DemoSqliteApp : AppFixture
{
    public override DatabaseEngine Engine => DatabaseEngine.Sqlite;
    protected override bool LoadDemoData => true;

    protected override Task<DatabaseSetting> CreateDatabaseAsync() =>
        Task.FromResult(DatabaseSetting.Parse(TestFiles.NewSqlitePath("demo")));
}

public sealed class DemoPostgresApp : AppFixture
{
    public override DatabaseEngine Engine => DatabaseEngine.Postgres;
    protected override bool LoadDemoData => true;

    protected override async Task<DatabaseSetting> CreateDatabaseAsync() =>
        DatabaseSetting.Parse(await PostgresServer.CreateDatabaseAsync("demo"));
}

public sealed class DemoStorageTests_Sqlite(DemoSqliteApp app) : DemoStorageTests(app), IClassFixture<DemoSqliteApp>;

public sealed class DemoStorageTests_Postgres(DemoPostgresApp app) : DemoStorageTests(app), IClassFixture<DemoPostgresApp>;
