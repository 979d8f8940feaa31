using System.Text.Json;
using Candor.Data;
using Candor.Features.Decisions;
using Candor.Features.Identity;
using Candor.Features.Jobs;
using Candor.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Candor.Features.Notices;

/// <summary>The body every webhook delivery carries: the event, the notice, and the link to its page.</summary>
public sealed record NoticeWebhookBody(string Event, Guid DecisionUuid, string Puid, string NoticeUrl, NoticeContent Notice, DateTimeOffset SentAt);

/// <summary>Queues a notice's deliveries in the caller's transaction, so a stored decision always has its notice on its way.</summary>
public static class NoticeDelivery
{
    public const string IssuedEvent = "decision.issued";
    public const string ReversedEvent = "decision.reversed";

    public static async Task QueueAsync(CandorDb db, TimeProvider clock, Decision decision, string eventName, NoticeContent notice, string noticePath, CancellationToken ct)
    {
        await NoticeEmail.QueueAsync(db, clock, decision, eventName, notice, PasswordLinks.PublicUrl(noticePath), ct);
        var endpoints = await db.Set<WebhookEndpoint>().AsNoTracking()
            .Where(e => e.PlatformId == decision.PlatformId && e.DisabledAt == null).Select(e => e.Id).ToListAsync(ct);
        if (endpoints.Count == 0) return;
        var body = JsonSerializer.Serialize(
            new NoticeWebhookBody(eventName, decision.Uuid, decision.Puid, PasswordLinks.PublicUrl(noticePath), notice, clock.GetUtcNow()), CandorJson.Output);
        foreach (var endpoint in endpoints)
            BackgroundJobs.Add(db, clock, DeliverWebhook.Kind, new WebhookJob(endpoint, decision.Id, eventName, body));
    }
}
