using System.Text.Json;
using Candor.Features.Decisions;
using Candor.Features.Evaluations;
using Candor.Features.Jobs;
using Candor.Features.Policies;
using Candor.Features.Review;
using Candor.Features.Screening;
using Candor.Features.Screening.Vetting;
using Candor.Infrastructure;
using Candor.Tests.Infrastructure;
using Candor.Tests.Screening.Storage;
using Candor.Tests.Screening.Vetting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Candor.Tests.Evaluations;

/// <summary>
/// What a change of screening findings does to evaluation and the review queue, over a real database and the real job
/// queue: a list import or withdrawal re-evaluates exactly the advertisers whose findings changed; every open finding
/// has its own review item, closed when the finding is decided or delisted; a refused automated decision leaves one
/// steady review item; automated decisions carry a territorial scope. The host's runner is off; tests run the jobs.
/// </summary>
public abstract class FindingChangeEvaluationTests(AppFixture app)
{
    private JobRunner Runner() => new(
        app.Services.GetRequiredService<IServiceScopeFactory>(),
        [
            new JobHandlerType(EvaluationJobs.SubjectsKind, typeof(EvaluateSubjectsJob)),
            new JobHandlerType(EvaluationJobs.ReevaluateKind, typeof(ReevaluateJob)),
            new JobHandlerType(ScreeningJobs.ScreenAdvertisersKind, typeof(ScreenAdvertisersJob)),
            new JobHandlerType(ScreeningJobs.RescreenAllKind, typeof(RescreenAllJob)),
        ],
        new JobsOptions { LeaseDuration = TimeSpan.FromSeconds(30) }, NullLogger<JobRunner>.Instance);

    private JobRunner RescreenOnly() => new(app.Services.GetRequiredService<IServiceScopeFactory>(),
        [new JobHandlerType(ScreeningJobs.RescreenAllKind, typeof(RescreenAllJob))], new JobsOptions(), NullLogger<JobRunner>.Instance);

    /// <summary>A name no other test uses (letters only), so lists of other tests in the same database never match it.</summary>
    private static string UniqueName() =>
        "Quorvane " + new string(Guid.NewGuid().ToString("N")[..10].Select(c => (char)('a' + Convert.ToInt32(c.ToString(), 16))).ToArray()) + " Holding";

    private static string ListedRow(string name) => $"x-1,{name},,organization,RU,2017-09-13,Test basis,Test scope,https://example.org/x";

    private static string NewPolicyId() => "FC" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    private static string ScreeningPolicy(string id) => $$"""
        id: {{id}}
        title: Screening test policy
        version: "1"
        effective_from: 2026-01-01
        summary: For finding change tests.
        clauses:
          - id: {{id}}.1
            title: Sanctioned advertisers
            text: Possible sanctions matches are reviewed by a person.
            dsa:
              decision_ground: DECISION_GROUND_ILLEGAL_CONTENT
              category: STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY
              restrictions: [DECISION_ACCOUNT_SUSPENDED]
            on_hit: review
            rules:
              - id: {{id}}.1-R1
                description: The advertiser possibly matches a listed party.
                applies_to: advertiser
                when: { screening_match: { party: advertiser, list: sanctions, min_score: 0.8 } }
        """;

    private static string DecidePolicy(string id, string restriction) => $$"""
        id: {{id}}
        title: Decide test policy
        version: "1"
        effective_from: 2026-01-01
        summary: For automated decision tests.
        clauses:
          - id: {{id}}.1
            title: Miracle cures
            text: No miracle cures.
            dsa:
              decision_ground: DECISION_GROUND_INCOMPATIBLE_CONTENT
              category: STATEMENT_CATEGORY_CONSUMER_INFORMATION
              restrictions: [{{restriction}}]
            automation_may_decide: true
            on_hit: decide
            rules:
              - id: {{id}}.1-R1
                description: A cure is promised.
                when: { text_contains: { fields: [title, body], terms: [miracle cure] } }
        """;

    private async Task PublishAsync(long platformId, string text, string screeningSlug = "none")
    {
        var list = $"id: sanctions\nkind: screening\nitems: [{screeningSlug}]\n";
        var (catalogue, errors) = CatalogueReader.Read([new CatalogueReader.SourceFile("p.yaml", text)], [new CatalogueReader.SourceFile("lists/sanctions.yaml", list)]);
        Assert.Empty(errors);
        await app.WithDbAsync(async db =>
        {
            var result = await ImportPolicies.RunAsync(db, app.Clock, catalogue!, platformId, "test", default);
            Assert.True(result.Accepted, string.Join("; ", result.Errors));
            return await Reevaluation.QueueAsync(db, app.Clock, result, platformId, app.Services.GetRequiredService<RulesCache>(), default);
        });
        await Runner().RunUntilIdleAsync(default);
    }

    private Task<long> AdvertiserIdAsync(long platformId, string externalId) =>
        app.WithDbAsync(db => db.Advertisers.Where(a => a.PlatformId == platformId && a.ExternalId == externalId).Select(a => a.Id).SingleAsync());

    private Task<List<ReviewItem>> ItemsAsync(long platformId) =>
        app.WithDbAsync(db => db.ReviewItems.AsNoTracking().Where(r => r.PlatformId == platformId).OrderBy(r => r.Id).ToListAsync());

    private Task<Evaluation> LatestAsync(long platformId, string key) =>
        app.WithDbAsync(db => db.Evaluations.AsNoTracking().Where(e => e.PlatformId == platformId && e.SubjectKey == key).OrderBy(e => e.Id).LastAsync());

    /// <summary>The advertisers the queued (not yet run) evaluation jobs of this platform name.</summary>
    private async Task<List<long>> QueuedEvaluationsAsync(long platformId)
    {
        var payloads = await app.WithDbAsync(db => db.Jobs.AsNoTracking()
            .Where(j => j.Kind == EvaluationJobs.SubjectsKind && j.State == JobStates.Queued).Select(j => j.PayloadJson).ToListAsync());
        return payloads.Select(p => JsonSerializer.Deserialize<EvaluationJobs.SubjectsPayload>(p, CandorJson.Output)!)
            .Where(p => p.PlatformId == platformId).SelectMany(p => p.Ids).Order().ToList();
    }

    private async Task<(TestPlatform Platform, long Listed, long Nordwind, string Slug, string Policy, string Name)> PlatformBeforeTheListAsync()
    {
        var name = UniqueName();
        var slug = ScreeningLists.NewSlug();
        var platform = await app.CreatePlatformAsync();
        var policy = NewPolicyId();
        await PublishAsync(platform.Id, ScreeningPolicy(policy), slug);
        (await platform.Client.PostJsonAsync("/api/v1/advertisers", new[]
        {
            SampleRecords.Advertiser("k", name, "RU"), SampleRecords.Advertiser("n", "Nordwind Outdoor GmbH"),
        })).EnsureSuccessStatusCode();
        await Runner().RunUntilIdleAsync(default);
        var listed = await AdvertiserIdAsync(platform.Id, "k");
        Assert.Equal(EvaluationOutcomes.Clear, (await LatestAsync(platform.Id, EvaluationSubjects.KeyOfAdvertiser(listed))).Outcome);
        Assert.Empty(await ItemsAsync(platform.Id));
        return (platform, listed, await AdvertiserIdAsync(platform.Id, "n"), slug, policy, name);
    }

    [Fact]
    public async Task A_list_naming_an_existing_advertiser_re_evaluates_it_alone_and_its_withdrawal_resolves_the_items()
    {
        var (platform, listed, _, slug, policy, name) = await PlatformBeforeTheListAsync();

        // The import queues the rescreen; the rescreen queues the evaluation of exactly the advertiser it found.
        await ScreeningLists.ImportAsync(app, ScreeningLists.Custom(ListedRow(name)), slug);
        await RescreenOnly().RunUntilIdleAsync(default);
        Assert.Equal([listed], await QueuedEvaluationsAsync(platform.Id));
        await Runner().RunUntilIdleAsync(default);

        var key = EvaluationSubjects.KeyOfAdvertiser(listed);
        Assert.Equal(EvaluationOutcomes.Review, (await LatestAsync(platform.Id, key)).Outcome);
        var finding = await app.WithDbAsync(db => db.ScreeningFindings.AsNoTracking().SingleAsync(f => f.AdvertiserId == listed && f.ListSlug == slug));
        var items = await ItemsAsync(platform.Id);
        Assert.Equal(2, items.Count);
        var ruleItem = items.Single(i => i.SubjectKey == key);
        Assert.Equal((policy + ".1", ReviewStates.Open), (ruleItem.ClauseId, ruleItem.State));
        var findingItem = items.Single(i => i.SubjectKind == FindingReviewItems.SubjectKind);
        Assert.Equal((FindingReviewItems.KeyOf(finding.Id), FindingReviewItems.ClauseId, ReviewStates.Open, listed, (long?)null),
            (findingItem.SubjectKey, findingItem.ClauseId, findingItem.State, findingItem.AdvertiserId, findingItem.EvaluationId));
        Assert.Equal(FindingReviewItems.PriorityOf(finding.Score), findingItem.Priority);
        var queue = await app.WithDbAsync(db => ReviewListing.ListAsync(db, platform.Id, ReviewStates.Open, null, null, 10, app.Clock.GetUtcNow(), default));
        // Queue order: the rule's account-suspension item (80) before the finding's (50 + 10 × score).
        Assert.Equal([null, finding.Id], queue!.Items.Select(i => i.FindingId));

        // Rescreening with nothing new changes no finding: no evaluation is queued.
        await app.WithDbAsync(db =>
        {
            ScreeningJobs.AddRescreenAll(db, app.Clock, "test");
            return db.SaveChangesAsync();
        });
        await RescreenOnly().RunUntilIdleAsync(default);
        Assert.Empty(await QueuedEvaluationsAsync(platform.Id));

        // Withdrawn: the finding is delisted, its item resolved, the advertiser evaluated again, the rule's item resolved.
        var removal = await app.WithDbAsync(db => RemoveList.RunAsync(db, app.Clock, slug, "Directive rescinded", default));
        Assert.True(removal.DelistedFindings >= 1);
        Assert.Equal([listed], await QueuedEvaluationsAsync(platform.Id));
        await Runner().RunUntilIdleAsync(default);
        Assert.Equal(EvaluationOutcomes.Clear, (await LatestAsync(platform.Id, key)).Outcome);
        Assert.All(await ItemsAsync(platform.Id), i => Assert.Equal(ReviewStates.Resolved, i.State));
    }

    [Fact]
    public async Task Clearing_a_finding_closes_its_item_and_re_evaluates_the_advertiser()
    {
        var slug = ScreeningLists.NewSlug();
        var name = UniqueName();
        await ScreeningLists.ImportAsync(app, ScreeningLists.Custom(ListedRow(name)), slug);
        await Runner().RunUntilIdleAsync(default);
        var platform = await app.CreatePlatformAsync();
        var policy = NewPolicyId();
        await PublishAsync(platform.Id, ScreeningPolicy(policy), slug);
        (await platform.Client.PostJsonAsync("/api/v1/advertisers", new[] { SampleRecords.Advertiser("k", name, "RU") })).EnsureSuccessStatusCode();
        // Ingest queues evaluation and screening together; whichever runs first, the evaluation sees the finding.
        await Runner().RunUntilIdleAsync(default);
        var listed = await AdvertiserIdAsync(platform.Id, "k");
        var key = EvaluationSubjects.KeyOfAdvertiser(listed);
        Assert.Equal(EvaluationOutcomes.Review, (await LatestAsync(platform.Id, key)).Outcome);
        var finding = await app.WithDbAsync(db => db.ScreeningFindings.AsNoTracking().SingleAsync(f => f.AdvertiserId == listed));
        Assert.Equal(ReviewStates.Open, (await ItemsAsync(platform.Id)).Single(i => i.SubjectKey == FindingReviewItems.KeyOf(finding.Id)).State);

        var cleared = await app.WithDbAsync(db => ReviewFinding.RunAsync(db, app.Clock, platform.Id, finding.Id, FindingVerdict.Clear,
            "A Russian holding of the same name; ours is a Berlin bike shop.", "token:1", mayRedecide: false, null, default));
        Assert.NotNull(cleared.Finding);

        var items = await ItemsAsync(platform.Id);
        var findingItem = items.Single(i => i.SubjectKey == FindingReviewItems.KeyOf(finding.Id));
        Assert.Equal((ReviewStates.Resolved, app.Clock.GetUtcNow()), (findingItem.State, findingItem.ClosedAt));
        Assert.Equal([listed], await QueuedEvaluationsAsync(platform.Id));
        await Runner().RunUntilIdleAsync(default);
        Assert.Equal(EvaluationOutcomes.Clear, (await LatestAsync(platform.Id, key)).Outcome);
        Assert.Equal(ReviewStates.Resolved, (await ItemsAsync(platform.Id)).Single(i => i.SubjectKey == key).State);
    }

    [Fact]
    public async Task A_refused_automated_decision_keeps_one_open_item_across_re_evaluations()
    {
        var platform = await app.CreatePlatformAsync();
        var policy = NewPolicyId();
        // A monetary "other" restriction needs a free-text field the rules cannot write: the issuing checks refuse it.
        await PublishAsync(platform.Id, DecidePolicy(policy, "DECISION_MONETARY_OTHER"));
        (await platform.Client.PostJsonAsync("/api/v1/advertisers", new[] { SampleRecords.Advertiser("adv-1") })).EnsureSuccessStatusCode();
        (await platform.Client.PostJsonAsync("/api/v1/ads", new[] { SampleRecords.Ad("cure-1", "adv-1", "Miracle cure for back pain") })).EnsureSuccessStatusCode();
        await Runner().RunUntilIdleAsync(default);
        var adId = await app.WithDbAsync(db => db.Ads.Where(a => a.PlatformId == platform.Id && a.ExternalId == "cure-1").Select(a => a.Id).SingleAsync());
        var first = Assert.Single(await ItemsAsync(platform.Id));
        Assert.Equal((ReviewStates.Open, policy + ".1"), (first.State, first.ClauseId));
        Assert.True(first.Priority >= 100);

        for (var i = 0; i < 2; i++)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(5));
            var again = await app.WithDbAsync(db => EvaluateSubjects.RunAsync(db, app.Clock, app.Services.GetRequiredService<EvaluationDependencies>(),
                platform.Id, EvaluationSubjects.Ad, [adId], EvaluationTriggers.Manual, default));
            Assert.NotEmpty(Assert.Single(again).RefusedDecisions);
            var item = Assert.Single(await ItemsAsync(platform.Id));
            Assert.Equal((first.Id, ReviewStates.Open, first.CreatedAt, again[0].EvaluationId, (DateTimeOffset?)null),
                (item.Id, item.State, item.CreatedAt, item.EvaluationId, item.ClosedAt));
        }
        Assert.Equal(0, await app.WithDbAsync(db => db.Decisions.CountAsync(d => d.PlatformId == platform.Id)));
    }

    [Fact]
    public async Task An_automated_decision_applies_to_the_whole_EEA_unless_configured()
    {
        var platform = await app.CreatePlatformAsync();
        await PublishAsync(platform.Id, DecidePolicy(NewPolicyId(), "DECISION_VISIBILITY_CONTENT_REMOVED"));
        (await platform.Client.PostJsonAsync("/api/v1/advertisers", new[] { SampleRecords.Advertiser("adv-1") })).EnsureSuccessStatusCode();
        (await platform.Client.PostJsonAsync("/api/v1/ads", new[] { SampleRecords.Ad("cure-1", "adv-1", "Miracle cure for back pain") })).EnsureSuccessStatusCode();
        await Runner().RunUntilIdleAsync(default);

        var decision = await app.WithDbAsync(db => db.Decisions.AsNoTracking().SingleAsync(d => d.PlatformId == platform.Id));
        Assert.Equal(DeciderKinds.Rule, decision.DeciderKind);
        var scope = JsonSerializer.Deserialize<List<string>>(decision.TerritorialScope)!;
        Assert.Equal(30, scope.Count);
        Assert.Equal(AutomatedDecisionBody.Eea, scope);
        Assert.Contains("GR", scope);
        Assert.Contains("NO", scope);
    }
}

public sealed class FindingChangeEvaluationTests_Sqlite(QuietSqliteApp app) : FindingChangeEvaluationTests(app), IClassFixture<QuietSqliteApp>;

public sealed class FindingChangeEvaluationTests_Postgres(QuietPostgresApp app) : FindingChangeEvaluationTests(app), IClassFixture<QuietPostgresApp>;
