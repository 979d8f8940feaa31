using Candor.Data;
using Candor.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Candor.Features.Ads;

/// <summary>GET /api/v1/public/ads/{id}: one ad, by Candor's public id.</summary>
public static class GetPublicAd
{
    public static async Task<Results<Ok<PublicAd>, ProblemHttpResult>> HandleAsync(long id, CandorDb db, CancellationToken ct)
    {
        var ad = await RunAsync(db, id, ct);
        return ad is null ? Problems.NotFound($"There is no ad {id}.") : TypedResults.Ok(ad);
    }

    public static async Task<PublicAd?> RunAsync(CandorDb db, long id, CancellationToken ct)
    {
        var row = await AdRow.Select(db.Ads.AsNoTracking().Where(a => a.Id == id), db.Platforms).FirstOrDefaultAsync(ct);
        return row is null ? null : PublicAd.From(row);
    }
}
