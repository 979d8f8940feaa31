using Candor.Features.Jobs;
using Candor.Features.Screening;
using Candor.Features.Screening.Vetting;
using Candor.Tests.Infrastructure;
using Candor.Tests.Screening.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace Candor.Tests.Screening.Vetting;

/// <summary>
/// Advertiser vetting on the durable job queue over a real database: screen on ingest, rescreen after an import,
/// delisting, two runners racing, and a rescreen resumed after its node died. The host's own job runner is off so
/// that each test decides which runner runs what.
/// </summary>
public abstract class VettingTests(AppFixture app)
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    private JobRunner Runner() => new(
        app.Services.GetRequiredService<IServiceScopeFactory>(),
        [new JobHandlerType(ScreeningJobs.ScreenAdvertisersKind, typeof(ScreenAdvertisersJob)), new JobHandlerType(ScreeningJobs.RescreenAllKind, typeof(RescreenAllJob))],
        new JobsOptions { LeaseDuration = Lease }, NullLogger<JobRunner>.Instance);

    private async Task<TestPlatform> PlatformWithAdvertisersAsync(params (string Id, string LegalName)[] advertisers)
    {
        var platform = await app.CreatePlatformAsync();
        var response = await platform.Client.PostJsonAsync("/api/v1/advertisers",
            advertisers.Select(a => new { id = a.Id, legal_name = a.LegalName, country = "RU" }).ToArray());
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return platform;
    }

    private Task<List<ScreeningFinding>> FindingsAsync(long platformId, string slug) =>
        app.WithDbAsync(db => db.ScreeningFindings.AsNoTracking().Where(f => f.PlatformId == platformId && f.ListSlug == slug).OrderBy(f => f.Id).ToListAsync());

    [Fact]
    public async Task A_new_advertiser_and_its_ads_payer_are_screened_after_ingest()
    {
        var slug = ScreeningLists.NewSlug();
        var import = await ScreeningLists.ImportAsync(app, ScreeningLists.Custom(ScreeningLists.KasperskyRow, ScreeningLists.ZteRow), slug);
        var platform = await PlatformWithAdvertisersAsync(("a1", "Kaspersky Lab JSC"));
        var ad = await platform.Client.PostJsonAsync("/api/v1/ads", new[]
        {
            new { id = "ad1", advertiser_id = "a1", title = "Routers", delivery_start = "2026-11-01T00:00:00Z", payer = "ZTE Corporation", beneficiary = "Kaspersky Lab JSC" },
        });
        Assert.True(ad.IsSuccessStatusCode, await ad.Content.ReadAsStringAsync());

        await Runner().RunUntilIdleAsync(CancellationToken.None);

        var findings = await FindingsAsync(platform.Id, slug);
        Assert.Equal([("Kaspersky Lab JSC", SubjectRoles.LegalName, "bod-17-01"), ("ZTE Corporation", SubjectRoles.Payer, "fcc-2")],
            findings.Select(f => (f.Subject, f.SubjectRole, f.SourceId)).Order());
        Assert.All(findings, f => Assert.Equal((FindingStates.Open, import.SnapshotId, app.Clock.GetUtcNow()), (f.State, f.SnapshotId, f.FirstSeenAt)));
        Assert.Contains("\"kaspersky\"", findings.Single(f => f.SourceId == "bod-17-01").ExplanationJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_an_ad_naming_a_party_its_advertiser_did_not_have_queues_a_screening()
    {
        var platform = await PlatformWithAdvertisersAsync(("a1", "Acme Trading LLC"), ("a2", "Beta Media GmbH"));
        var advertiserIds = await app.WithDbAsync(db => db.Advertisers.Where(a => a.PlatformId == platform.Id).ToDictionaryAsync(a => a.ExternalId, a => a.Id));
        // Screening jobs by advertiser id (the ingest's); registering the advertisers queued one by external ids.
        async Task<int> ScreeningJobsAsync() => (await app.WithDbAsync(db => db.Jobs.Where(j => j.Kind == ScreeningJobs.ScreenAdvertisersKind).Select(j => j.PayloadJson).ToListAsync()))
            .Select(json => System.Text.Json.JsonSerializer.Deserialize<ScreeningJobs.AdvertisersPayload>(json, Candor.Infrastructure.CandorJson.Output)!)
            .Count(p => p.PlatformId == platform.Id && p.AdvertiserIds is { Count: > 0 });
        async Task PostAsync(params object[] ads)
        {
            var response = await platform.Client.PostJsonAsync("/api/v1/ads", ads);
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }

        await PostAsync(
            new { id = "ad1", advertiser_id = "a1", title = "One", delivery_start = "2026-11-01T00:00:00Z", payer = "Holding SE", beneficiary = "Acme Trading LLC" },
            new { id = "ad2", advertiser_id = "a2", title = "Two", delivery_start = "2026-11-01T00:00:00Z", payer = "Holding SE" });
        Assert.Equal(1, await ScreeningJobsAsync()); // one job for both advertisers' new parties
        await PostAsync(
            new { id = "ad3", advertiser_id = "a1", title = "Three", delivery_start = "2026-11-01T00:00:00Z", payer = "Holding SE", beneficiary = "Acme Trading LLC" },
            new { id = "ad1", advertiser_id = "a1", title = "One, changed", delivery_start = "2026-11-01T00:00:00Z", payer = "Holding SE" });
        Assert.Equal(1, await ScreeningJobsAsync()); // known parties only: nothing to screen again
        await PostAsync(new { id = "ad2", advertiser_id = "a2", title = "Two", delivery_start = "2026-11-01T00:00:00Z", payer = "Other Payer AG" });
        Assert.Equal(2, await ScreeningJobsAsync());

        var parties = await app.WithDbAsync(db => db.AdvertiserParties.Where(p => advertiserIds.Values.Contains(p.AdvertiserId))
            .Select(p => new { p.AdvertiserId, p.Role, p.Name }).ToListAsync());
        Assert.Equal(
            [(advertiserIds["a1"], SubjectRoles.Beneficiary, "Acme Trading LLC"), (advertiserIds["a1"], SubjectRoles.Payer, "Holding SE"),
             (advertiserIds["a2"], SubjectRoles.Payer, "Holding SE"), (advertiserIds["a2"], SubjectRoles.Payer, "Other Payer AG")],
            parties.Select(p => (p.AdvertiserId, p.Role, p.Name)).Order());
    }

    [Fact]
    public async Task A_new_snapshot_rescreens_everyone_opens_new_findings_and_marks_delisted_ones()
    {
        var slug = ScreeningLists.NewSlug();
        await ScreeningLists.ImportAsync(app, ScreeningLists.Custom(ScreeningLists.KasperskyRow), slug);
        var platform = await PlatformWithAdvertisersAsync(("k", "AO Kaspersky Lab"), ("h", "Huawei Technologies Co., Ltd."), ("n", "Acme Trading LLC"));
        await Runner().RunUntilIdleAsync(CancellationToken.None);
        var before = await FindingsAsync(platform.Id, slug);

        app.Clock.Advance(TimeSpan.FromDays(1));
        var v2 = await ScreeningLists.ImportAsync(app, ScreeningLists.Custom(ScreeningLists.HuaweiRow), slug);
        await Runner().RunUntilIdleAsync(CancellationToken.None);
        var after = await FindingsAsync(platform.Id, slug);

        Assert.Equal(["bod-17-01"], before.Select(f => f.SourceId));
        Assert.Equal(2, after.Count);
        var delisted = after.Single(f => f.SourceId == "bod-17-01");
        Assert.Equal((FindingStates.Delisted, v2.SnapshotId, app.Clock.GetUtcNow()), (delisted.State, delisted.SnapshotId, delisted.DelistedAt));
        Assert.Equal(before[0].Id, delisted.Id);
        var huawei = after.Single(f => f.SourceId == "fcc-1");
        Assert.Equal((FindingStates.Open, v2.SnapshotId), (huawei.State, huawei.SnapshotId));
        var job = await app.WithDbAsync(db => db.Jobs.AsNoTracking().Where(j => j.Kind == ScreeningJobs.RescreenAllKind).OrderBy(j => j.Id).LastAsync());
        Assert.Equal(JobStates.Succeeded, job.State);
        Assert.Equal(job.ProgressTotal, job.ProgressDone);
    }

    [Fact]
    public async Task Two_runners_racing_run_the_rescreen_once_and_store_each_finding_once()
    {
        await Runner().RunUntilIdleAsync(CancellationToken.None);
        var slug = ScreeningLists.NewSlug();
        var platform = await PlatformWithAdvertisersAsync(("h", "Huawei Technologies Company"), ("z", "ZTE Corp"));
        await ScreeningLists.ImportAsync(app, ScreeningLists.Custom(ScreeningLists.HuaweiRow, ScreeningLists.ZteRow), slug);

        var ran = await Task.WhenAll(Task.Run(() => Runner().RunUntilIdleAsync(CancellationToken.None)), Task.Run(() => Runner().RunUntilIdleAsync(CancellationToken.None)));

        Assert.True(ran.Sum() >= 1);
        var findings = await FindingsAsync(platform.Id, slug);
        Assert.Equal(["fcc-1", "fcc-2"], findings.Select(f => f.SourceId).Order());
        var unfinished = await app.WithDbAsync(db => db.Jobs.AsNoTracking()
            .Where(j => j.Kind.StartsWith("screening.") && j.State != JobStates.Succeeded).Select(j => j.Kind + ": " + j.State + ": " + j.LastError).ToListAsync());
        Assert.Empty(unfinished);
        var rescreen = await app.WithDbAsync(db => db.Jobs.AsNoTracking().Where(j => j.Kind == ScreeningJobs.RescreenAllKind).OrderBy(j => j.Id).LastAsync());
        Assert.Equal(1, rescreen.Attempts);
    }

    [Fact]
    public async Task A_rescreen_whose_node_died_is_taken_over_and_resumes_after_its_checkpoint()
    {
        var platform = await PlatformWithAdvertisersAsync(("first", "Huawei Technologies Company"), ("second", "ZTE Corporation"));
        await Runner().RunUntilIdleAsync(CancellationToken.None);
        var slug = ScreeningLists.NewSlug();
        await ScreeningLists.ImportAsync(app, ScreeningLists.Custom(ScreeningLists.HuaweiRow, ScreeningLists.ZteRow), slug);
        var firstId = await app.WithDbAsync(db => db.Advertisers.Where(a => a.PlatformId == platform.Id && a.ExternalId == "first").Select(a => a.Id).SingleAsync());

        // A node claims the rescreen, gets as far as the first advertiser, and dies without a word.
        var jobId = await app.WithDbAsync(async db =>
        {
            var lease = await JobLease.ClaimNextAsync(db, app.Clock, [ScreeningJobs.RescreenAllKind], "dead-node", Lease, CancellationToken.None);
            Assert.NotNull(lease);
            Assert.True(await lease.SaveProgressAsync(1, 2, $$"""{"after_id":{{firstId}}}""", CancellationToken.None));
            return lease.JobId;
        });
        Assert.Equal(0, await Runner().RunUntilIdleAsync(CancellationToken.None)); // its lease still holds
        app.Clock.Advance(Lease + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await Runner().RunUntilIdleAsync(CancellationToken.None));

        // Only the advertiser after the checkpoint was screened by the run that took over.
        Assert.Equal(["fcc-2"], (await FindingsAsync(platform.Id, slug)).Select(f => f.SourceId));
        var job = await app.WithDbAsync(db => db.Jobs.AsNoTracking().SingleAsync(j => j.Id == jobId));
        Assert.Equal((JobStates.Succeeded, 2), (job.State, job.Attempts));
    }

    [Fact]
    public async Task A_cleared_finding_stays_cleared_when_rescreened()
    {
        var slug = ScreeningLists.NewSlug();
        await ScreeningLists.ImportAsync(app, ScreeningLists.Custom(ScreeningLists.ZteRow), slug);
        var platform = await PlatformWithAdvertisersAsync(("z", "ZTE Corporation"));
        await Runner().RunUntilIdleAsync(CancellationToken.None);
        await app.WithDbAsync(db => db.ScreeningFindings.Where(f => f.PlatformId == platform.Id).ExecuteUpdateAsync(s => s
            .SetProperty(f => f.State, FindingStates.Cleared).SetProperty(f => f.ReviewedEntryHash, f => f.EntryHash)));

        await ScreeningLists.ImportAsync(app, ScreeningLists.Custom(ScreeningLists.ZteRow, ScreeningLists.HuaweiRow), slug);
        await Runner().RunUntilIdleAsync(CancellationToken.None);

        var finding = Assert.Single(await FindingsAsync(platform.Id, slug));
        Assert.Equal(FindingStates.Cleared, finding.State);
    }
}

/// <summary>The app without its background job runner, so tests run jobs with runners they control.</summary>
public static class QuietHost
{
    public static void WithoutJobRunner(IServiceCollection services)
    {
        foreach (var d in services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(JobRunnerService)).ToList())
            services.Remove(d);
    }
}

public sealed class QuietSqliteApp : AppFixture
{
    public override Candor.Data.DatabaseEngine Engine => Candor.Data.DatabaseEngine.Sqlite;
    protected override Task<Candor.Data.DatabaseSetting> CreateDatabaseAsync() => Task.FromResult(Candor.Data.DatabaseSetting.Parse(TestFiles.NewSqlitePath("vetting")));
    protected override void ConfigureServices(IServiceCollection services) => QuietHost.WithoutJobRunner(services);
}

public sealed class QuietPostgresApp : AppFixture
{
    public override Candor.Data.DatabaseEngine Engine => Candor.Data.DatabaseEngine.Postgres;
    protected override async Task<Candor.Data.DatabaseSetting> CreateDatabaseAsync() => Candor.Data.DatabaseSetting.Parse(await PostgresServer.CreateDatabaseAsync("vetting"));
    protected override void ConfigureServices(IServiceCollection services) => QuietHost.WithoutJobRunner(services);
}

public sealed class VettingTests_Sqlite(QuietSqliteApp app) : VettingTests(app), IClassFixture<QuietSqliteApp>;

public sealed class VettingTests_Postgres(QuietPostgresApp app) : VettingTests(app), IClassFixture<QuietPostgresApp>;
