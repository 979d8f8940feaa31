using Candor.Data;
using Candor.Features.Decisions;
using Candor.Features.Decisions.Issuing;
using Candor.Features.Tokens;
using Microsoft.EntityFrameworkCore;

namespace Candor.Features.Notices;

/// <summary>
/// A notice for whoever holds its link. No account is needed (the affected account may be the one suspended); a wrong
/// or missing token reads as "not found", so the page does not even confirm that a decision exists.
/// </summary>
public static class ReadNotice
{
    public static async Task<NoticeContent?> RunAsync(CandorDb db, TimeProvider clock, NoticeOptions options, Guid uuid, string? token, CancellationToken ct)
    {
        if (token is null || !TokenSecret.LooksValid(token)) return null;
        var hash = TokenSecret.Hash(token);
        var access = await db.NoticeAccesses.Include(n => n.Decision)
            .FirstOrDefaultAsync(n => n.TokenHash == hash && n.Decision!.Uuid == uuid, ct);
        if (access?.Decision is not { } d) return null;
        var now = clock.GetUtcNow();
        if (access.FirstViewedAt is null)
        {
            access.FirstViewedAt = now;
            await db.SaveChangesAsync(ct);
        }
        var platformName = await db.Platforms.AsNoTracking().Where(p => p.Id == d.PlatformId).Select(p => p.Name).FirstAsync(ct);
        var subject = await DecisionSubject.OfAsync(db, d, ct);
        var reversal = d.Status == DecisionStatuses.Reversed
            ? await db.DecisionEvents.AsNoTracking().Where(e => e.DecisionId == d.Id && e.Kind == DecisionEventKinds.Reversed)
                .Select(e => e.PayloadJson).FirstOrDefaultAsync(ct)
            : null;
        var reason = reversal is null ? null : System.Text.Json.JsonDocument.Parse(reversal).RootElement.GetProperty("reason").GetString();
        return NoticeComposer.Compose(d, platformName, subject?.Name, subject?.AdExternalId, subject?.AdTitle, options, now, reason);
    }
}
