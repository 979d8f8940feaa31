using Candor.Data;
using Microsoft.EntityFrameworkCore;

namespace Candor.Web.Pages.Console.Decisions;

public sealed record ConsoleDecisionRow(Guid Uuid, string Status, string? Advertiser, string? Ad, string? ClauseId, string? ClauseVersion,
    DateTimeOffset CreatedAt, DateTimeOffset? IssuedAt);

public sealed record ConsoleRefusal(DateTimeOffset At, string Actor, string? Subject, string? Reasons);

/// <summary><c>/console/decisions</c>: the platform's latest decisions, and the latest refused attempts with their reasons.</summary>
public sealed class IndexModel(CandorDb db) : ReviewerPage(db)
{
    private const int Shown = 100;

    public IReadOnlyList<ConsoleDecisionRow> Decisions { get; private set; } = [];
    public IReadOnlyList<ConsoleRefusal> Refusals { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Decisions = await (from d in Db.Decisions.AsNoTracking()
                           where d.PlatformId == PlatformId
                           join a in Db.Advertisers on d.AdvertiserId equals a.Id into advertisers
                           from a in advertisers.DefaultIfEmpty()
                           join ad in Db.Ads on d.AdId equals ad.Id into ads
                           from ad in ads.DefaultIfEmpty()
                           orderby d.Id descending
                           select new ConsoleDecisionRow(d.Uuid, d.Status, a == null ? null : a.ExternalId, ad == null ? null : ad.ExternalId,
                               d.ClauseId, d.ClauseVersion, d.CreatedAt, d.IssuedAt)).Take(Shown).ToListAsync(ct);
        Refusals = await Db.AuditEvents.AsNoTracking().Where(e => e.PlatformId == PlatformId && e.Action == NewModel.RefusedAction)
            .OrderByDescending(e => e.Id).Take(20).Select(e => new ConsoleRefusal(e.At, e.Actor, e.Subject, e.Detail)).ToListAsync(ct);
    }
}
