using Candor.Data;
using Microsoft.EntityFrameworkCore;

namespace Candor.Features.Mail;

public sealed record OutboxCounts(int Queued, int Sent, int Failed);

/// <summary>Queues email in the caller's unit of work: it is sent only if the caller's change commits.</summary>
public static class Outbox
{
    public static OutboxMessage Enqueue(CandorDb db, TimeProvider clock, string kind, string to, string subject, string body,
        long? platformId = null, bool sensitive = false)
    {
        var now = clock.GetUtcNow();
        var message = new OutboxMessage
        {
            Kind = kind,
            PlatformId = platformId,
            To = to,
            Subject = subject.Length > 300 ? subject[..300] : subject,
            Body = body,
            Sensitive = sensitive,
            State = OutboxState.Queued,
            CreatedAt = now,
            NextAttemptAt = now,
        };
        db.OutboxMessages.Add(message);
        return message;
    }

    /// <summary>How many messages are in each state; for one platform, or all when <paramref name="platformId"/> is null.</summary>
    public static async Task<OutboxCounts> CountAsync(CandorDb db, long? platformId, CancellationToken ct)
    {
        var counts = await db.OutboxMessages.AsNoTracking()
            .Where(m => platformId == null || m.PlatformId == platformId)
            .GroupBy(m => m.State).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        int Of(OutboxState state) => counts.FirstOrDefault(c => c.Key == state)?.Count ?? 0;
        return new OutboxCounts(Of(OutboxState.Queued), Of(OutboxState.Sent), Of(OutboxState.Failed));
    }
}
