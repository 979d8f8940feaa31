using Candor.Data;
using Candor.Features.Tokens;
using Candor.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Candor.Features.Ads;

/// <summary>The platform's view of one of its ads: the record as stored, and where the public sees it.</summary>
public sealed record PlatformAdView(long CandorId, string PublicUrl, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, AdInput Ad);

/// <summary>GET /api/v1/ads/{id}, by the platform's own id; another platform's ad is simply not found.</summary>
public static class GetAd
{
    public static async Task<Results<Ok<PlatformAdView>, ProblemHttpResult>> HandleAsync(
        string id, HttpContext http, CandorDb db, CancellationToken ct)
    {
        var platformId = http.User.PlatformId();
        var row = await AdRow.Select(db.Ads.AsNoTracking().Where(a => a.PlatformId == platformId && a.ExternalId == id), db.Platforms)
            .FirstOrDefaultAsync(ct);
        if (row is null) return Problems.NotFound($"This platform has no ad with id '{Fields.Shorten(id)}'.");
        return TypedResults.Ok(new PlatformAdView(row.Id, $"/ads/{row.Id}", row.CreatedAt, row.UpdatedAt, row.ToInput()));
    }
}
