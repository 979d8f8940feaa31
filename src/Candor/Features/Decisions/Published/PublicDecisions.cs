using Candor.Data;
using Microsoft.EntityFrameworkCore;

namespace Candor.Features.Decisions.Published;

/// <summary>Which decisions the public may see, and how a set of them becomes <see cref="PublicDecision"/>s.</summary>
public static class PublicDecisions
{
    /// <summary>Issued decisions, and those later superseded or reversed (shown with that history); never drafts.</summary>
    public static readonly string[] PublicStatuses = [DecisionStatuses.Issued, DecisionStatuses.Superseded, DecisionStatuses.Reversed];

    public static IQueryable<Decision> Visible(this IQueryable<Decision> decisions) =>
        decisions.Where(d => d.IssuedAt != null
            && (d.Status == DecisionStatuses.Issued || d.Status == DecisionStatuses.Superseded || d.Status == DecisionStatuses.Reversed));

    /// <summary>Loads the decisions of <paramref name="query"/> (already filtered to <see cref="Visible"/> and ordered) with their platform, advertiser and history.</summary>
    public static async Task<List<LoadedDecision>> LoadAsync(CandorDb db, IQueryable<Decision> query, CancellationToken ct)
    {
        var rows = await query.Select(d => new
        {
            Decision = d,
            Platform = db.Platforms.Where(p => p.Id == d.PlatformId).Select(p => new { p.Slug, p.Name }).First(),
            Advertiser = db.Advertisers.Where(a => a.Id == d.AdvertiserId).Select(a => a.DisplayName ?? a.LegalName).FirstOrDefault(),
        }).ToListAsync(ct);
        if (rows.Count == 0) return [];
        var ids = rows.Select(r => r.Decision.Id).ToList();
        var events = (await db.DecisionEvents.AsNoTracking().Where(e => ids.Contains(e.DecisionId)).ToListAsync(ct))
            .ToLookup(e => e.DecisionId);
        return rows.Select(r => new LoadedDecision(r.Decision.Id, r.Decision.Puid,
            PublicDecision.From(r.Decision, r.Platform.Slug, r.Platform.Name, r.Advertiser, events[r.Decision.Id].ToList()))).ToList();
    }
}

/// <summary>A public decision with what only Candor's own code needs: the row id (cursors) and the puid (dumps only).</summary>
public sealed record LoadedDecision(long Id, string Puid, PublicDecision Public);
