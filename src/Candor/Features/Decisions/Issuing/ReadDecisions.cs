using Candor.Data;
using Candor.Features.Decisions.Tdb;
using Candor.Features.Tokens;
using Candor.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Candor.Features.Decisions.Issuing;

public sealed record DecisionSummary(
    Guid Uuid, string Puid, string Status, string Origin, string? AdvertiserId, string? AdId, string Category,
    DateTimeOffset CreatedAt, DateTimeOffset? IssuedAt, DateTimeOffset? EffectiveAt, double? SpecificityScore);

public sealed record DecisionPage(IReadOnlyList<DecisionSummary> Decisions, string? NextCursor);

/// <summary><c>GET /api/v1/decisions/{uuid}</c> and <c>GET /api/v1/decisions</c>: this platform's decisions, newest first.</summary>
public static class ReadDecisions
{
    public const int MaxLimit = 100;

    public static async Task<Results<Ok<DecisionView>, ProblemHttpResult>> GetAsync(Guid uuid, HttpContext http, CandorDb db, TimeProvider clock, CancellationToken ct)
    {
        var view = await DecisionView.LoadAsync(db, http.User.PlatformId(), uuid, TdbAnswers.BaseUrl(http.Request), clock.GetUtcNow(), null, ct);
        return view is null ? Problems.NotFound($"This platform has no decision {uuid}.") : TypedResults.Ok(view);
    }

    public static async Task<Results<Ok<DecisionPage>, ProblemHttpResult>> ListAsync(
        HttpContext http, CandorDb db, CancellationToken ct, string? status = null, string? cursor = null, int limit = 50)
    {
        if (limit is < 1 or > MaxLimit) return Problems.BadRequest("Bad limit", $"limit is 1 to {MaxLimit}.");
        long? before = null;
        if (cursor is not null)
        {
            if (!long.TryParse(cursor, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
                return Problems.BadRequest("Bad cursor", "Pass next_cursor from the previous page unchanged.");
            before = id;
        }
        var platformId = http.User.PlatformId();
        var query = db.Decisions.AsNoTracking().Where(d => d.PlatformId == platformId);
        if (status is not null) query = query.Where(d => d.Status == status);
        if (before is { } b) query = query.Where(d => d.Id < b);
        var rows = await query.OrderByDescending(d => d.Id).Take(limit + 1)
            .Select(d => new
            {
                d.Id, d.Uuid, d.Puid, d.Status, d.Origin, d.Category, d.CreatedAt, d.IssuedAt, d.EffectiveAt, d.SpecificityScore,
                Advertiser = db.Advertisers.Where(a => a.Id == d.AdvertiserId).Select(a => a.ExternalId).FirstOrDefault(),
                Ad = db.Ads.Where(a => a.Id == d.AdId).Select(a => a.ExternalId).FirstOrDefault(),
            }).ToListAsync(ct);
        var page = rows.Take(limit).Select(r => new DecisionSummary(r.Uuid, r.Puid, r.Status, r.Origin, r.Advertiser, r.Ad, r.Category,
            r.CreatedAt, r.IssuedAt, r.EffectiveAt, r.SpecificityScore)).ToList();
        var next = rows.Count > limit ? rows[limit - 1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        return TypedResults.Ok(new DecisionPage(page, next));
    }
}
