using System.Text.Json;
using Candor.Data;
using Candor.Features.Ads;
using Candor.Features.Advertisers;
using Candor.Features.Decisions.Issuing;
using Candor.Features.Notices;
using Candor.Features.Policies;
using Candor.Features.Rules;
using Candor.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Candor.Features.Evaluations;

/// <summary>
/// What evaluation needs besides the database and the clock; one singleton. <see cref="DefaultTerritorialScope"/> is
/// <c>Candor:Decisions:DefaultTerritorialScope</c> (empty: the whole EEA).
/// </summary>
public sealed record EvaluationDependencies(RulesCache Rules, BoilerplateOptions Boilerplate, NoticeOptions Notices)
{
    public IReadOnlyList<string> DefaultTerritorialScope { get; init; } = [];
}

/// <summary>One subject after evaluation: its stored evaluation, the outcome and hits, and any decision issued for it.</summary>
public sealed record SubjectEvaluation(string Kind, long SubjectId, string ExternalId, long EvaluationId, string Outcome,
    IReadOnlyList<RuleHit> Hits, IReadOnlyList<Guid> DecisionUuids, IReadOnlyList<string> RefusedDecisions);

/// <summary>
/// Evaluates ads or advertisers of one platform against the rules in force and acts on each clause's outcome: stores an
/// <see cref="Evaluation"/> per subject, creates, refreshes or resolves review items, and issues automated decisions.
/// Work is done per batch: one query for the subjects, one for their screening findings, one for their open review items.
/// </summary>
public static class EvaluateSubjects
{
    public const int BatchSize = 500;

    private sealed record Subject(long Id, string ExternalId, long AdvertiserId, AdInput? Ad, AdvertiserInput Advertiser,
        AutomatedSubject Automated);

    /// <summary>Evaluates the given row ids (of <paramref name="kind"/>); ids of another platform or gone are skipped.</summary>
    public static async Task<List<SubjectEvaluation>> RunAsync(CandorDb db, TimeProvider clock, EvaluationDependencies deps,
        long platformId, string kind, IReadOnlyList<long> ids, string trigger, CancellationToken ct, bool freshRules = false)
    {
        var results = new List<SubjectEvaluation>(ids.Count);
        if (ids.Count == 0) return results;
        var rules = await deps.Rules.GetAsync(db, platformId, ct, freshRules);
        if (rules is null) return results; // no policy in force: nothing to evaluate against, nothing stored
        var clauses = rules.Rules.Catalogue.Policies.SelectMany(p => p.Clauses.Select(c => (Policy: p, Clause: c)))
            .ToDictionary(x => x.Clause.Id, StringComparer.Ordinal);
        foreach (var batch in ids.Distinct().Chunk(BatchSize))
            results.AddRange(await RunBatchAsync(db, clock, deps, platformId, kind, batch, trigger, rules, clauses, ct));
        return results;
    }

    private static async Task<List<SubjectEvaluation>> RunBatchAsync(CandorDb db, TimeProvider clock, EvaluationDependencies deps,
        long platformId, string kind, long[] ids, string trigger, LoadedRules rules,
        Dictionary<string, (PolicyDefinition Policy, ClauseDefinition Clause)> clauses, CancellationToken ct)
    {
        var subjects = kind == EvaluationSubjects.Ad ? await LoadAdsAsync(db, platformId, ids, ct) : await LoadAdvertisersAsync(db, platformId, ids, ct);
        if (subjects.Count == 0) return [];
        var advertiserIds = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var s in subjects) advertiserIds[s.Advertiser.Id!] = s.AdvertiserId;
        var screening = await StoredScreeningFindings.LoadAsync(db, platformId, advertiserIds.Values,
            rules.Rules.Catalogue.Lists, input => advertiserIds[input.Advertiser!.Id!], ct);
        var now = clock.GetUtcNow();
        bool MayDecide(string clauseId) => clauses.TryGetValue(clauseId, out var c) && c.Clause.AutomationMayDecide;

        var evaluated = new List<(Subject Subject, Evaluation Row, List<RuleHit> Hits)>(subjects.Count);
        foreach (var subject in subjects)
        {
            var hits = rules.Rules.Evaluate(new RuleInput(subject.Ad, subject.Advertiser, screening));
            evaluated.Add((subject, new Evaluation
            {
                PlatformId = platformId, SubjectKind = kind, SubjectKey = KeyOf(kind, subject.Id), AdvertiserId = subject.AdvertiserId,
                AdId = kind == EvaluationSubjects.Ad ? subject.Id : null, RuleSetHash = rules.Rules.Hash,
                PolicyVersionsJson = rules.PolicyVersionsJson, Outcome = EvaluationOutcome.Of(hits, MayDecide),
                HitsJson = EvaluationHits.ToJson(hits), HitCount = hits.Count(h => !h.Shadow), ShadowHitCount = hits.Count(h => h.Shadow),
                Trigger = trigger, EvaluatedAt = now,
            }, hits));
        }

        // Evaluations and review items commit together; a unique conflict on an open item (another node evaluating the
        // same subject at once) runs the step again, now refreshing the other node's item.
        await UniqueConflictRetry.RunAsync(db, async token =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(token);
            foreach (var e in evaluated) e.Row.Id = 0;
            db.Evaluations.AddRange(evaluated.Select(e => e.Row));
            await db.SaveChangesAsync(token);
            await ReviewItems.ApplyAsync(db, platformId, evaluated.Select(e => new ReviewItems.Evaluated(e.Row, e.Hits)).ToList(),
                clauses, MayDecide, now, token);
            await db.SaveChangesAsync(token);
            await transaction.CommitAsync(token);
            db.ChangeTracker.Clear();
            return true;
        }, ct);

        var results = new List<SubjectEvaluation>(evaluated.Count);
        foreach (var (subject, row, hits) in evaluated)
        {
            var decisions = new List<Guid>();
            var refused = new List<string>();
            if (row.Outcome == EvaluationOutcomes.Decide)
                foreach (var clauseHits in hits.Where(h => !h.Shadow && h.OnHit == ClauseOutcome.Decide && MayDecide(h.ClauseId)).GroupBy(h => h.ClauseId))
                {
                    var (policy, clause) = clauses[clauseHits.Key];
                    var issued = await AutomatedDecisions.IssueAsync(db, clock, deps, platformId, row, subject.Automated, policy, clause,
                        clauseHits.ToList(), ct);
                    if (issued.Uuid is { } uuid) decisions.Add(uuid);
                    if (issued.Refused is { } reason) refused.Add($"{clause.Id}: {reason}");
                }
            results.Add(new SubjectEvaluation(kind, subject.Id, subject.ExternalId, row.Id, row.Outcome, hits, decisions, refused));
        }
        return results;
    }

    public static string KeyOf(string kind, long id) =>
        kind == EvaluationSubjects.Ad ? EvaluationSubjects.KeyOfAd(id) : EvaluationSubjects.KeyOfAdvertiser(id);

    private static async Task<List<Subject>> LoadAdsAsync(CandorDb db, long platformId, long[] ids, CancellationToken ct)
    {
        var list = ids.ToList();
        var ads = await db.Ads.AsNoTracking().Include(a => a.Advertiser)
            .Where(a => a.PlatformId == platformId && EF.Parameter(list).Contains(a.Id)).OrderBy(a => a.Id).ToListAsync(ct);
        return ads.Select(a =>
        {
            return new Subject(a.Id, a.ExternalId, a.AdvertiserId, AdInputOf(a), AdvertiserInputOf(a.Advertiser!),
                new AutomatedSubject(EvaluationSubjects.Ad, a.Id, a.Advertiser!.ExternalId, a.ExternalId, a.Title, a.DeliveryStart));
        }).ToList();
    }

    private static async Task<List<Subject>> LoadAdvertisersAsync(CandorDb db, long platformId, long[] ids, CancellationToken ct)
    {
        var list = ids.ToList();
        var advertisers = await db.Advertisers.AsNoTracking()
            .Where(a => a.PlatformId == platformId && EF.Parameter(list).Contains(a.Id)).OrderBy(a => a.Id).ToListAsync(ct);
        return advertisers.Select(a => new Subject(a.Id, a.ExternalId, a.Id, null, AdvertiserInputOf(a),
            new AutomatedSubject(EvaluationSubjects.Advertiser, a.Id, a.ExternalId, null, null, null))).ToList();
    }

    /// <summary>The stored ad as the platform sent it (what the rules read).</summary>
    public static AdInput AdInputOf(Ad a) => new(
        a.ExternalId, a.Advertiser?.ExternalId, a.Title, a.Body, a.LandingUrl,
        JsonSerializer.Deserialize<List<MediaReference>>(a.MediaJson, CandorJson.Output), a.Format, a.Language, a.Product, a.Subject,
        a.DeliveryStart, a.DeliveryEnd, a.Beneficiary, a.Payer, Enum.Parse<AdStatus>(a.Status, ignoreCase: true),
        JsonSerializer.Deserialize<List<TargetingCriterion>>(a.TargetingJson, CandorJson.Output), a.ReachTotal,
        JsonSerializer.Deserialize<Dictionary<string, long>>(a.ReachByCountryJson, CandorJson.Output), a.ImpressionsMin, a.ImpressionsMax,
        a.SpendMin, a.SpendMax, a.Currency, a.CommercialCommunication);

    public static AdvertiserInput AdvertiserInputOf(Advertiser a) => new(
        a.ExternalId, a.LegalName, a.DisplayName, a.Country,
        JsonSerializer.Deserialize<List<RegistrationId>>(a.RegistrationIdsJson, CandorJson.Output),
        Enum.TryParse<VerificationStatus>(a.VerificationStatus.Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out var v) ? v : null,
        a.ContactEmail);
}
