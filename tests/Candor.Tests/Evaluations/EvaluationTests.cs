using System.Net;
using System.Text.Json.Nodes;
using Candor.Features.Decisions;
using Candor.Features.Evaluations;
using Candor.Features.Jobs;
using Candor.Features.Policies;
using Candor.Features.Review;
using Candor.Features.Screening.Vetting;
using Candor.Features.Tokens;
using Candor.Tests.Infrastructure;
using Candor.Tests.Screening.Storage;
using Candor.Tests.Screening.Vetting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Candor.Tests.Evaluations;

/// <summary>
/// Evaluation on ingest over a real database and the real job queue: stored trees, the review queue kept in step,
/// automated decisions through the issuing code, screening findings read by the predicate, the re-evaluation job on a
/// later effective date (resumed from a checkpoint), and the shadow report. The host's own runner is off; each test
/// runs the jobs it needs.
/// </summary>
public abstract class EvaluationTests(AppFixture app)
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    private JobRunner Runner(bool withScreening = false) => new(
        app.Services.GetRequiredService<IServiceScopeFactory>(),
        [
            new JobHandlerType(EvaluationJobs.SubjectsKind, typeof(EvaluateSubjectsJob)),
            new JobHandlerType(EvaluationJobs.ReevaluateKind, typeof(ReevaluateJob)),
            .. withScreening ? new[] { new JobHandlerType(ScreeningJobs.ScreenAdvertisersKind, typeof(ScreenAdvertisersJob)) } : [],
        ],
        new JobsOptions { LeaseDuration = Lease }, NullLogger<JobRunner>.Instance);

    private static string NewPolicyId() => "EV" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    internal static string Policy(string id, string version = "1", string effectiveFrom = "2026-01-01", string casinoTerms = "casino",
        string screeningSlug = "none") => $$"""
        id: {{id}}
        title: Evaluation test policy
        version: "{{version}}"
        effective_from: {{effectiveFrom}}
        summary: For evaluation tests.
        clauses:
          - id: {{id}}.1
            title: Casinos
            text: No casinos.
            dsa:
              decision_ground: DECISION_GROUND_INCOMPATIBLE_CONTENT
              category: STATEMENT_CATEGORY_UNSAFE_AND_PROHIBITED_PRODUCTS
            on_hit: review
            rules:
              - id: {{id}}.1-R1
                description: The ad promotes a casino.
                when: { text_contains: { terms: [{{casinoTerms}}] } }
              - id: {{id}}.1-R2
                description: Lotteries, tried out first.
                mode: shadow
                when: { text_contains: { terms: [lottery] } }
          - id: {{id}}.2
            title: Miracle cures
            text: No miracle cures.
            dsa:
              decision_ground: DECISION_GROUND_INCOMPATIBLE_CONTENT
              category: STATEMENT_CATEGORY_CONSUMER_INFORMATION
              restrictions: [DECISION_VISIBILITY_CONTENT_REMOVED]
              duration_days: 30
            automation_may_decide: true
            on_hit: decide
            rules:
              - id: {{id}}.2-R1
                description: A cure is promised.
                when: { text_contains: { fields: [title, body], terms: [miracle cure] } }
          - id: {{id}}.3
            title: Sanctioned advertisers
            text: Possible sanctions matches are reviewed by a person.
            dsa:
              decision_ground: DECISION_GROUND_ILLEGAL_CONTENT
              category: STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY
              restrictions: [DECISION_ACCOUNT_SUSPENDED]
            on_hit: review
            rules:
              - id: {{id}}.3-R1
                description: The advertiser possibly matches a listed party.
                applies_to: advertiser
                when: { screening_match: { party: advertiser, list: sanctions, min_score: 0.8 } }
        """;

    private async Task<IReadOnlyList<long>> PublishAsync(long platformId, string text, string screeningSlug = "none")
    {
        var list = $"id: sanctions\nkind: screening\nitems: [{screeningSlug}]\n";
        var (catalogue, errors) = CatalogueReader.Read([new CatalogueReader.SourceFile("p.yaml", text)], [new CatalogueReader.SourceFile("lists/sanctions.yaml", list)]);
        Assert.Empty(errors);
        return await app.WithDbAsync(async db =>
        {
            var result = await ImportPolicies.RunAsync(db, app.Clock, catalogue!, platformId, "test", default);
            Assert.True(result.Accepted, string.Join("; ", result.Errors));
            return await Reevaluation.QueueAsync(db, app.Clock, result, platformId, app.Services.GetRequiredService<RulesCache>(), default);
        });
    }

    private async Task<(TestPlatform Platform, string PolicyId)> PlatformWithPolicyAsync(string screeningSlug = "none")
    {
        var platform = await app.CreatePlatformAsync();
        var id = NewPolicyId();
        await PublishAsync(platform.Id, Policy(id), screeningSlug);
        await Runner().RunUntilIdleAsync(default);
        (await platform.Client.PostJsonAsync("/api/v1/advertisers", new[] { SampleRecords.Advertiser("adv-1") })).EnsureSuccessStatusCode();
        return (platform, id);
    }

    private static async Task<JsonNode> PostAdsAsync(TestPlatform platform, string query, params Dictionary<string, object?>[] ads) =>
        await (await platform.Client.PostJsonAsync("/api/v1/ads" + query, ads)).ReadJsonAsync(HttpStatusCode.OK);

    private Task<long> AdIdAsync(long platformId, string externalId) =>
        app.WithDbAsync(db => db.Ads.Where(a => a.PlatformId == platformId && a.ExternalId == externalId).Select(a => a.Id).SingleAsync());

    private Task<List<Evaluation>> EvaluationsAsync(long platformId, string key) =>
        app.WithDbAsync(db => db.Evaluations.AsNoTracking().Where(e => e.PlatformId == platformId && e.SubjectKey == key).OrderBy(e => e.Id).ToListAsync());

    private Task<List<ReviewItem>> ReviewItemsAsync(long platformId, string key) =>
        app.WithDbAsync(db => db.ReviewItems.AsNoTracking().Where(r => r.PlatformId == platformId && r.SubjectKey == key).OrderBy(r => r.Id).ToListAsync());

    private async Task<HttpClient> ReadPrivateClientAsync(long platformId)
    {
        var token = await app.WithDbAsync(db => CreateToken.RunAsync(db, app.Clock, platformId, "read", null, default, "read:private"));
        return app.WithToken(token.Token);
    }

    [Fact]
    public async Task An_ad_hitting_a_review_clause_is_stored_with_its_tree_and_queued_for_review_once_and_resolved_when_fixed()
    {
        var (platform, policy) = await PlatformWithPolicyAsync();
        var ad = SampleRecords.Ad("ad-1", "adv-1", title: "The best casino in town");

        await PostAdsAsync(platform, "", ad);
        await Runner().RunUntilIdleAsync(default);

        var key = EvaluationSubjects.KeyOfAd(await AdIdAsync(platform.Id, "ad-1"));
        var first = Assert.Single(await EvaluationsAsync(platform.Id, key));
        Assert.Equal((EvaluationOutcomes.Review, EvaluationTriggers.Ingest, 1), (first.Outcome, first.Trigger, first.HitCount));
        var hit = Assert.Single(EvaluationHits.Read(first.HitsJson));
        Assert.Equal((policy + ".1", policy + ".1-R1", "1"), (hit.ClauseId, hit.RuleId, hit.PolicyVersion));
        Assert.Contains(hit.Evidence, e => e.Contains("casino", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("text_contains", hit.Tree.Predicate);
        Assert.True(hit.Tree.Result);
        Assert.Contains($"\"id\":\"{policy}\"", first.PolicyVersionsJson, StringComparison.Ordinal);
        var item = Assert.Single(await ReviewItemsAsync(platform.Id, key));
        Assert.Equal((ReviewStates.Open, policy + ".1", first.Id, 10), (item.State, item.ClauseId, item.EvaluationId, item.Priority));

        // The same ad again: unchanged, so nothing is evaluated again.
        var again = await PostAdsAsync(platform, "", ad);
        Assert.Equal(1, (int)again["unchanged"]!);
        await Runner().RunUntilIdleAsync(default);
        Assert.Single(await EvaluationsAsync(platform.Id, key));

        // Fixed: evaluated again, clear, and the open item is resolved.
        await PostAdsAsync(platform, "", ad.With("title", "Rain jackets on sale"));
        await Runner().RunUntilIdleAsync(default);
        var evaluations = await EvaluationsAsync(platform.Id, key);
        Assert.Equal([EvaluationOutcomes.Review, EvaluationOutcomes.Clear], evaluations.Select(e => e.Outcome));
        var resolved = Assert.Single(await ReviewItemsAsync(platform.Id, key));
        Assert.Equal((ReviewStates.Resolved, evaluations[1].Id, app.Clock.GetUtcNow()), (resolved.State, resolved.EvaluationId, resolved.ClosedAt));

        // The read API shows both, latest first, with the tree; another platform does not see the ad.
        var reader = await ReadPrivateClientAsync(platform.Id);
        var view = await (await reader.GetAsync("/api/v1/ads/ad-1/evaluations")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal([evaluations[1].Id, evaluations[0].Id], view["evaluations"]!.AsArray().Select(e => (long)e!["id"]!));
        Assert.Equal("text_contains", (string)view["evaluations"]![1]!["hits"]![0]!["tree"]!["predicate"]!);
        var other = await app.CreatePlatformAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await (await ReadPrivateClientAsync(other.Id)).GetAsync("/api/v1/ads/ad-1/evaluations")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await platform.Client.GetAsync("/api/v1/ads/ad-1/evaluations")).StatusCode);
    }

    [Fact]
    public async Task A_decide_clause_issues_one_automated_decision_whose_facts_cite_the_evidence_and_the_sync_answer_shows_it()
    {
        var (platform, policy) = await PlatformWithPolicyAsync();
        var ad = SampleRecords.Ad("cure-1", "adv-1", title: "Doctors hate it").With("body", "This Miracle-Cure ends back pain in 3 days.");

        var answer = await PostAdsAsync(platform, "?evaluate=sync", ad);

        var evaluated = Assert.Single(answer["evaluations"]!.AsArray())!;
        Assert.Equal((0, "cure-1", "decide"), ((int)evaluated["index"]!, (string)evaluated["id"]!, (string)evaluated["outcome"]!));
        var hit = evaluated["hits"]![0]!;
        Assert.Equal((policy + ".2", policy + ".2-R1", "decide"), ((string)hit["clause_id"]!, (string)hit["rule_id"]!, (string)hit["on_hit"]!));
        Assert.StartsWith("body: \"miracle", (string)hit["evidence"]![0]!, StringComparison.Ordinal);
        var uuid = Guid.Parse((string)evaluated["decision_uuids"]![0]!);

        var adId = await AdIdAsync(platform.Id, "cure-1");
        var decision = await app.WithDbAsync(db => db.Decisions.AsNoTracking().SingleAsync(d => d.Uuid == uuid));
        Assert.Equal((DecisionStatuses.Issued, DeciderKinds.Rule, policy + ".2-R1"), (decision.Status, decision.DeciderKind, decision.DeciderRef));
        Assert.Equal((policy + ".2", "1", adId), (decision.ClauseId, decision.ClauseVersion, decision.AdId));
        Assert.Equal((true, "AUTOMATED_DECISION_FULLY"), (decision.AutomatedDetection, decision.AutomatedDecision));
        Assert.Contains((string)hit["evidence"]![0]!, decision.DecisionFacts, StringComparison.Ordinal); // quoted, not paraphrased
        Assert.Contains("[E1]", decision.DecisionFacts, StringComparison.Ordinal);
        Assert.Contains("cure-1", decision.DecisionFacts, StringComparison.Ordinal);
        Assert.Contains("ad_content", decision.EvidenceJson, StringComparison.Ordinal);
        Assert.Equal(DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime).AddDays(30), decision.EndDateVisibilityRestriction);

        // The job queued with the ad has nothing left to do; a re-evaluation (and the runner) issue no second decision.
        await Runner().RunUntilIdleAsync(default);
        await app.WithDbAsync(db => EvaluateSubjects.RunAsync(db, app.Clock, app.Services.GetRequiredService<EvaluationDependencies>(),
            platform.Id, EvaluationSubjects.Ad, [adId], EvaluationTriggers.Manual, default));
        var evaluations = await EvaluationsAsync(platform.Id, EvaluationSubjects.KeyOfAd(adId));
        Assert.Equal(2, evaluations.Count);
        Assert.All(evaluations, e => Assert.Equal(EvaluationOutcomes.Decide, e.Outcome));
        Assert.Equal(1, await app.WithDbAsync(db => db.Decisions.CountAsync(d => d.PlatformId == platform.Id && d.AdId == adId)));
        Assert.Empty(await ReviewItemsAsync(platform.Id, EvaluationSubjects.KeyOfAd(adId)));
    }

    [Fact]
    public async Task The_screening_predicate_reads_the_stored_findings_of_the_advertiser()
    {
        var slug = ScreeningLists.NewSlug();
        await ScreeningLists.ImportAsync(app, ScreeningLists.Custom(ScreeningLists.KasperskyRow), slug);
        var platform = await app.CreatePlatformAsync();
        var policy = NewPolicyId();
        await PublishAsync(platform.Id, Policy(policy), slug);
        await Runner().RunUntilIdleAsync(default);

        (await platform.Client.PostJsonAsync("/api/v1/advertisers", new[]
        {
            SampleRecords.Advertiser("k", "AO Kaspersky Lab", "RU"), SampleRecords.Advertiser("n", "Nordwind Outdoor GmbH"),
        })).EnsureSuccessStatusCode();
        // Evaluation runs first (no finding yet), screening opens a finding, which queues the advertiser's evaluation again.
        await Runner(withScreening: true).RunUntilIdleAsync(default);

        var (kaspersky, nordwind) = await app.WithDbAsync(async db => (
            await db.Advertisers.Where(a => a.PlatformId == platform.Id && a.ExternalId == "k").Select(a => a.Id).SingleAsync(),
            await db.Advertisers.Where(a => a.PlatformId == platform.Id && a.ExternalId == "n").Select(a => a.Id).SingleAsync()));
        Assert.Contains(await app.WithDbAsync(db => db.ScreeningFindings.Where(f => f.AdvertiserId == kaspersky).Select(f => f.State).ToListAsync()),
            s => s == FindingStates.Open);
        var latest = (await EvaluationsAsync(platform.Id, EvaluationSubjects.KeyOfAdvertiser(kaspersky)))[^1];
        Assert.Equal(EvaluationOutcomes.Review, latest.Outcome);
        var hit = Assert.Single(EvaluationHits.Read(latest.HitsJson));
        Assert.Equal(policy + ".3-R1", hit.RuleId);
        Assert.Contains(hit.Evidence, e => e.Contains(slug + "/bod-17-01", StringComparison.Ordinal));
        var item = Assert.Single(await ReviewItemsAsync(platform.Id, EvaluationSubjects.KeyOfAdvertiser(kaspersky)));
        Assert.Equal(80, item.Priority); // illegal content 50 + account restriction 20 + one rule 10
        Assert.All(await EvaluationsAsync(platform.Id, EvaluationSubjects.KeyOfAdvertiser(nordwind)), e => Assert.Equal(EvaluationOutcomes.Clear, e.Outcome));

        // A cleared finding no longer counts.
        await app.WithDbAsync(db => db.ScreeningFindings.Where(f => f.AdvertiserId == kaspersky).ExecuteUpdateAsync(s => s.SetProperty(f => f.State, FindingStates.Cleared)));
        var again = await app.WithDbAsync(db => EvaluateSubjects.RunAsync(db, app.Clock, app.Services.GetRequiredService<EvaluationDependencies>(),
            platform.Id, EvaluationSubjects.Advertiser, [kaspersky], EvaluationTriggers.Manual, default));
        Assert.Equal(EvaluationOutcomes.Clear, Assert.Single(again).Outcome);
        Assert.Equal(ReviewStates.Resolved, Assert.Single(await ReviewItemsAsync(platform.Id, EvaluationSubjects.KeyOfAdvertiser(kaspersky))).State);
    }

    [Fact]
    public async Task A_new_version_re_evaluates_everything_when_it_takes_effect_and_a_run_taken_over_resumes_after_its_checkpoint()
    {
        var (platform, policy) = await PlatformWithPolicyAsync();
        await PostAdsAsync(platform, "", SampleRecords.Ad("p1", "adv-1", "Poker night one"), SampleRecords.Ad("p2", "adv-1", "Poker night two"),
            SampleRecords.Ad("p3", "adv-1", "Poker night three"));
        await Runner().RunUntilIdleAsync(default);
        var ids = new[] { await AdIdAsync(platform.Id, "p1"), await AdIdAsync(platform.Id, "p2"), await AdIdAsync(platform.Id, "p3") };

        var effective = app.Clock.GetUtcNow().AddDays(10);
        var jobs = await PublishAsync(platform.Id, Policy(policy, "2", effective.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), "casino, poker"));
        var jobId = Assert.Single(jobs);
        Assert.Equal(0, await Runner().RunUntilIdleAsync(default)); // not due before the effective date
        Assert.Equal(jobId, Assert.Single((await PublishAsync(platform.Id, Policy(policy, "2", effective.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), "casino, poker"))).Concat(jobs).Distinct()));

        app.Clock.Advance(TimeSpan.FromDays(11));
        // A node claims the run, gets through the advertisers and the first ad, and dies without a word.
        await app.WithDbAsync(async db =>
        {
            var lease = await JobLease.ClaimNextAsync(db, app.Clock, [EvaluationJobs.ReevaluateKind], "dead-node", Lease, default);
            Assert.Equal(jobId, lease!.JobId);
            Assert.True(await lease.SaveProgressAsync(2, 4, $$"""{"platform_id":{{platform.Id}},"kind":"ad","after_id":{{ids[0]}}}""", default));
            return true;
        });
        Assert.Equal(0, await Runner().RunUntilIdleAsync(default)); // its lease still holds
        app.Clock.Advance(Lease + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await Runner().RunUntilIdleAsync(default));

        var job = await app.WithDbAsync(db => db.Jobs.AsNoTracking().SingleAsync(j => j.Id == jobId));
        Assert.Equal((JobStates.Succeeded, 2, 4L, 4L), (job.State, job.Attempts, job.ProgressDone, job.ProgressTotal));
        Assert.DoesNotContain(await EvaluationsAsync(platform.Id, EvaluationSubjects.KeyOfAd(ids[0])), e => e.Trigger == EvaluationTriggers.Reevaluation);
        foreach (var id in ids[1..])
        {
            var latest = (await EvaluationsAsync(platform.Id, EvaluationSubjects.KeyOfAd(id)))[^1];
            Assert.Equal((EvaluationTriggers.Reevaluation, EvaluationOutcomes.Review), (latest.Trigger, latest.Outcome));
            Assert.Contains($"\"id\":\"{policy}\",\"version\":\"2\"", latest.PolicyVersionsJson, StringComparison.Ordinal);
            Assert.Equal(ReviewStates.Open, Assert.Single(await ReviewItemsAsync(platform.Id, EvaluationSubjects.KeyOfAd(id))).State);
        }
    }

    [Fact]
    public async Task The_shadow_report_counts_what_a_shadow_rule_would_have_changed()
    {
        var (platform, policy) = await PlatformWithPolicyAsync();
        await PostAdsAsync(platform, "?evaluate=sync", SampleRecords.Ad("l1", "adv-1", "Weekly lottery draw"),
            SampleRecords.Ad("l2", "adv-1", "Casino and lottery nights"), SampleRecords.Ad("plain", "adv-1"));

        var reader = await ReadPrivateClientAsync(platform.Id);
        var report = await (await reader.GetAsync("/api/v1/evaluations/shadow-report?since=2026-01-01")).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal(2, (int)report["subjects_scanned"]!);
        var rule = Assert.Single(report["rules"]!.AsArray())!;
        Assert.Equal((policy + ".1-R2", 2, 1), ((string)rule["rule_id"]!, (int)rule["subjects_hit"]!, (int)rule["would_raise"]!));
        Assert.Equal(1, (int)rule["changes"]!["clear → review"]!);
        var sample = rule["samples"]![0]!;
        Assert.Equal(("l1", "clear", "review"), ((string)sample["subject_id"]!, (string)sample["outcome"]!, (string)sample["would_be"]!));
        var other = await app.CreatePlatformAsync();
        var empty = await (await (await ReadPrivateClientAsync(other.Id)).GetAsync("/api/v1/evaluations/shadow-report")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Empty(empty["rules"]!.AsArray());
    }
}

public sealed class EvaluationTests_Sqlite(QuietSqliteApp app) : EvaluationTests(app), IClassFixture<QuietSqliteApp>;

public sealed class EvaluationTests_Postgres(QuietPostgresApp app) : EvaluationTests(app), IClassFixture<QuietPostgresApp>;
