using Candor.Data;
using Candor.Features.Tokens;
using Microsoft.EntityFrameworkCore;

namespace Candor.Features.Decisions.Tdb;

/// <summary><c>GET /api/v1/statement/{uuid}</c> and <c>GET /api/v1/statement/existing-puid/{puid}</c>, limited to the caller's platform.</summary>
public static class ReadStatements
{
    public const string Found = "statement of reason found";
    public const string NotFound = "statement of reason not found";

    public static async Task<IResult> GetAsync(string uuid, HttpContext http, CandorDb db, CancellationToken ct)
    {
        var view = Guid.TryParse(uuid, out var id)
            ? await RunAsync(db, http.User.PlatformId(), id, TdbAnswers.BaseUrl(http.Request), ct)
            : null;
        return view is null
            ? TdbAnswers.Json(new Dictionary<string, string> { ["message"] = NotFound }, StatusCodes.Status404NotFound)
            : TdbAnswers.Json(view, StatusCodes.Status200OK);
    }

    /// <summary>Another platform's statement is "not found", never "forbidden": its existence is not disclosed.</summary>
    public static async Task<TdbStatementView?> RunAsync(CandorDb db, long platformId, Guid uuid, string baseUrl, CancellationToken ct)
    {
        var found = await db.Decisions.AsNoTracking()
            .Where(d => d.Uuid == uuid && d.PlatformId == platformId)
            .Join(db.Platforms, d => d.PlatformId, p => p.Id, (d, p) => new { Decision = d, p.Name })
            .FirstOrDefaultAsync(ct);
        return found is null ? null : TdbStatementView.Of(found.Decision, found.Name, baseUrl, TdbStatementView.Shape.Read);
    }

    /// <summary>302 with a JSON body and no Location header, or 404: the TDB's way of answering "have I used this puid?".</summary>
    public static async Task<IResult> ExistingPuidAsync(string puid, HttpContext http, CandorDb db, CancellationToken ct)
    {
        var platformId = http.User.PlatformId();
        var exists = await db.Decisions.AsNoTracking().AnyAsync(d => d.PlatformId == platformId && d.Puid == puid, ct);
        return TdbAnswers.Json(new Dictionary<string, string> { ["message"] = exists ? Found : NotFound, ["puid"] = puid },
            exists ? StatusCodes.Status302Found : StatusCodes.Status404NotFound);
    }
}
