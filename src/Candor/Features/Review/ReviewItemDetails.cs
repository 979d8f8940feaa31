using System.Text.Json.Nodes;
using Candor.Data;
using Candor.Features.Evaluations;
using Candor.Features.Rules;
using Microsoft.EntityFrameworkCore;

namespace Candor.Features.Review;

/// <summary>The facts of the subject a reviewer needs on screen: the advertiser, and the ad when the item is about one.</summary>
public sealed record ReviewSubject(
    string AdvertiserId, string AdvertiserName, string? AdvertiserDisplayName, string AdvertiserCountry, string VerificationStatus,
    string? AdId, string? AdTitle, string? AdBody, string? LandingUrl, string? Payer, string? Beneficiary, string? Product,
    DateTimeOffset? DeliveryStart, DateTimeOffset? DeliveryEnd, string? AdStatus);

/// <summary>The clause as published in the version the evaluation ran with, and how it maps onto a statement of reasons.</summary>
public sealed record ReviewClause(
    string PolicyTitle, string Title, string Text, string? DecisionGround, string? Category, IReadOnlyList<string> Restrictions, int? DurationDays,
    IReadOnlyDictionary<string, string> RuleDescriptions);

public sealed record ReviewItemView(
    ReviewQueueRow Item, ReviewSubject Subject, ReviewClause? Clause, IReadOnlyList<SimulatedHit> Hits, DateTimeOffset? EvaluatedAt, string? RuleSetHash);

/// <summary>One review item with everything behind it: subject, the evaluation's hits for this clause (trees included), the clause text.</summary>
public static class ReviewItemDetails
{
    public static async Task<ReviewItemView?> LoadAsync(CandorDb db, long platformId, long id, DateTimeOffset now, CancellationToken ct)
    {
        var item = await ReviewListing.GetAsync(db, platformId, id, now, ct);
        if (item is null) return null;
        var keys = await db.ReviewItems.AsNoTracking().Where(r => r.Id == id && r.PlatformId == platformId)
            .Select(r => new { r.AdvertiserId, r.AdId, r.EvaluationId }).SingleAsync(ct);
        // A screening finding's item has no evaluation behind it: no hits, no clause, worked on the finding's page.
        var evaluation = keys.EvaluationId is null ? null : await db.Evaluations.AsNoTracking().Where(e => e.Id == keys.EvaluationId && e.PlatformId == platformId)
            .Select(e => new { e.HitsJson, e.EvaluatedAt, e.RuleSetHash }).SingleAsync(ct);
        var advertiser = await db.Advertisers.AsNoTracking().SingleAsync(a => a.Id == keys.AdvertiserId && a.PlatformId == platformId, ct);
        var ad = keys.AdId is { } adId ? await db.Ads.AsNoTracking().SingleOrDefaultAsync(a => a.Id == adId && a.PlatformId == platformId, ct) : null;
        var subject = new ReviewSubject(advertiser.ExternalId, advertiser.LegalName, advertiser.DisplayName, advertiser.Country, advertiser.VerificationStatus,
            ad?.ExternalId, ad?.Title, ad?.Body, ad?.LandingUrl, ad?.Payer, ad?.Beneficiary, ad?.Product, ad?.DeliveryStart, ad?.DeliveryEnd, ad?.Status);
        var hits = evaluation is null ? [] : EvaluationHits.Read(evaluation.HitsJson).Where(h => h.ClauseId == item.ClauseId).ToList();
        var document = await db.PolicyVersions.AsNoTracking()
            .Where(v => v.PolicyId == item.PolicyId && v.Version == item.PolicyVersion && (v.PlatformId == null || v.PlatformId == platformId))
            .Select(v => v.Document).FirstOrDefaultAsync(ct);
        return new ReviewItemView(item, subject, document is null ? null : ClauseOf(document, item.ClauseId), hits, evaluation?.EvaluatedAt, evaluation?.RuleSetHash);
    }

    /// <summary>Reads one clause out of a stored policy document (<see cref="Policies.PolicyJson.Document"/>).</summary>
    public static ReviewClause? ClauseOf(string document, string clauseId)
    {
        var policy = JsonNode.Parse(document)!;
        var clause = policy["clauses"]!.AsArray().FirstOrDefault(c => string.Equals((string?)c!["id"], clauseId, StringComparison.OrdinalIgnoreCase));
        if (clause is null) return null;
        var dsa = clause["dsa"];
        return new ReviewClause((string?)policy["title"] ?? "", (string?)clause["title"] ?? "", (string?)clause["text"] ?? "",
            (string?)dsa?["decision_ground"], (string?)dsa?["category"],
            dsa?["restrictions"]?.AsArray().Select(r => (string)r!).ToList() ?? [], (int?)dsa?["duration_days"],
            clause["rules"]?.AsArray().Where(r => r!["description"] is not null)
                .ToDictionary(r => (string)r!["id"]!, r => (string)r!["description"]!, StringComparer.Ordinal) ?? new Dictionary<string, string>());
    }
}
