using System.Text.Json;
using Candor.Data;
using Candor.Features.Ads;
using Candor.Features.Advertisers;
using Candor.Features.Evaluations;
using Candor.Features.Policies;
using Candor.Features.Review;
using Candor.Features.Rules;
using Microsoft.EntityFrameworkCore;

namespace Candor.Tests.Review;

/// <summary>
/// Review items as the evaluation would raise them, for tests: the platform's stored rules in force run over a stored
/// ad (title, body, landing page, advertiser country), and every non-shadow hit of a <c>review</c> clause becomes an
/// open item. The trees are real explanations; only the step that stores them is the test's (the evaluation code is
/// another branch's).
/// </summary>
public static class ReviewSeed
{
    /// <summary>A policy with one review clause whose rule hits ads mentioning <paramref name="term"/>.</summary>
    public static string Policy(string id, string term = "casino", string version = "1") => $$"""
        id: {{id}}
        title: Gambling ads
        version: "{{version}}"
        effective_from: 2026-01-01
        summary: Gambling needs a licence.
        clauses:
          - id: {{id}}.1
            title: Unlicensed gambling
            text: Ads may not promote **gambling** without a licence for the countries they run in.
            dsa:
              decision_ground: DECISION_GROUND_INCOMPATIBLE_CONTENT
              category: STATEMENT_CATEGORY_UNSAFE_AND_PROHIBITED_PRODUCTS
              restrictions: [DECISION_VISIBILITY_CONTENT_REMOVED]
              duration_days: 30
            on_hit: review
            rules:
              - id: {{id}}.1-R1
                description: The ad text mentions gambling.
                when: { text_contains: { fields: [title, body], terms: [{{term}}] } }
        """;

    public static async Task<PolicyImportResult> ImportAsync(CandorDb db, TimeProvider clock, long? platformId, string yaml)
    {
        var (catalogue, errors) = CatalogueReader.Read([new CatalogueReader.SourceFile("policy.yaml", yaml)], []);
        if (catalogue is null) throw new InvalidOperationException(string.Join("; ", errors));
        var result = await ImportPolicies.RunAsync(db, clock, catalogue, platformId, "test", default);
        if (!result.Accepted) throw new InvalidOperationException(string.Join("; ", result.Errors));
        return result;
    }

    /// <summary>Evaluates the ad with the rules in force and opens an item per review hit. Returns the item ids.</summary>
    public static async Task<List<long>> RaiseAsync(CandorDb db, DateTimeOffset now, long platformId, string adExternalId, int priority = 0, string? onlyClause = null)
    {
        var ad = await db.Ads.AsNoTracking().SingleAsync(a => a.PlatformId == platformId && a.ExternalId == adExternalId);
        var advertiser = await db.Advertisers.AsNoTracking().SingleAsync(a => a.Id == ad.AdvertiserId);
        var rules = await RulesInForce.LoadAsync(db, platformId, now, default) ?? throw new InvalidOperationException("no rules in force");
        var input = new RuleInput(
            new AdInput(ad.ExternalId, advertiser.ExternalId, ad.Title, ad.Body, ad.LandingUrl, Product: ad.Product, Payer: ad.Payer, Beneficiary: ad.Beneficiary),
            new AdvertiserInput(advertiser.ExternalId, advertiser.LegalName, advertiser.DisplayName, advertiser.Country));
        var hits = rules.Rules.Evaluate(input);
        var clauses = rules.Rules.Catalogue.Policies.SelectMany(p => p.Clauses).ToDictionary(c => c.Id);
        var evaluation = new Evaluation
        {
            PlatformId = platformId, SubjectKind = EvaluationSubjects.Ad, SubjectKey = EvaluationSubjects.KeyOfAd(ad.Id), AdvertiserId = advertiser.Id,
            AdId = ad.Id, RuleSetHash = rules.Rules.Hash, PolicyVersionsJson = rules.PolicyVersionsJson,
            Outcome = EvaluationOutcome.Of(hits, c => clauses[c].AutomationMayDecide), HitsJson = EvaluationHits.ToJson(hits),
            HitCount = hits.Count(h => !h.Shadow), ShadowHitCount = hits.Count(h => h.Shadow), Trigger = EvaluationTriggers.Manual, EvaluatedAt = now,
        };
        db.Evaluations.Add(evaluation);
        await db.SaveChangesAsync();
        var items = hits.Where(h => !h.Shadow && h.OnHit == ClauseOutcome.Review && (onlyClause is null || h.ClauseId == onlyClause)).GroupBy(h => h.ClauseId).Select(g => new ReviewItem
        {
            PlatformId = platformId, SubjectKey = evaluation.SubjectKey, SubjectKind = evaluation.SubjectKind, AdvertiserId = advertiser.Id, AdId = ad.Id,
            EvaluationId = evaluation.Id, PolicyId = g.First().PolicyId, PolicyVersion = g.First().PolicyVersion, ClauseId = g.Key,
            RuleIdsJson = JsonSerializer.Serialize(g.Select(h => h.RuleId).ToList()), Priority = priority, State = ReviewStates.Open,
            CreatedAt = now, UpdatedAt = now,
        }).ToList();
        // The service's own evaluation may already have opened the item (one open item per subject and clause): take it over.
        var keys = items.Select(i => i.ClauseId).ToList();
        var existing = await db.ReviewItems.Where(r => r.PlatformId == platformId && r.SubjectKey == evaluation.SubjectKey
            && r.State == ReviewStates.Open && keys.Contains(r.ClauseId)).ToListAsync();
        foreach (var item in items)
        {
            if (existing.FirstOrDefault(e => e.ClauseId == item.ClauseId) is { } open)
            {
                open.EvaluationId = item.EvaluationId;
                open.RuleIdsJson = item.RuleIdsJson;
                open.Priority = priority;
                open.CreatedAt = now;
                open.UpdatedAt = now;
            }
            else db.ReviewItems.Add(item);
        }
        await db.SaveChangesAsync();
        return items.Select(i => existing.FirstOrDefault(e => e.ClauseId == i.ClauseId)?.Id ?? i.Id).ToList();
    }

    /// <summary>Waits until no evaluation job is queued or running, so none runs later and overwrites what a test raised.</summary>
    public static async Task WaitForEvaluationsAsync(CandorDb db)
    {
        for (var waited = 0; waited < 600; waited++)
        {
            if (!await db.Jobs.AnyAsync(j => j.Kind == EvaluationJobs.SubjectsKind && (j.State == Candor.Features.Jobs.JobStates.Queued || j.State == Candor.Features.Jobs.JobStates.Running)))
                return;
            await Task.Delay(100);
        }
        throw new TimeoutException("evaluation jobs still queued after 60 s");
    }
}
