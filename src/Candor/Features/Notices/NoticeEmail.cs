using Candor.Data;
using Candor.Features.Decisions;
using Candor.Features.Mail;
using Microsoft.EntityFrameworkCore;

namespace Candor.Features.Notices;

/// <summary>Where a notice went: by email (its state) and to how many webhook endpoints.</summary>
public sealed record NoticeChannels(string Email, DateTimeOffset? NotifiedAt, string Note);

/// <summary>
/// The notice by email to the advertiser's private contact address, queued in the decision's own transaction. The
/// decision counts as <em>notified</em> when the mail server accepts the email, not when it is queued: that is the
/// moment the party can be said to be informed (DSA Art. 20(1)'s six months run from it).
/// </summary>
public static class NoticeEmail
{
    public const string IssuedKind = "decision-notice";
    public const string ReversedKind = "decision-reversal";

    public static async Task QueueAsync(CandorDb db, TimeProvider clock, Decision decision, string eventName, NoticeContent notice, string pageUrl, CancellationToken ct)
    {
        if (decision.AdvertiserId is not { } advertiserId) return;
        var to = await db.Advertisers.AsNoTracking().Where(a => a.Id == advertiserId && a.PlatformId == decision.PlatformId)
            .Select(a => a.ContactEmail).FirstOrDefaultAsync(ct);
        if (to is null) return;
        var kind = eventName == NoticeDelivery.ReversedEvent ? ReversedKind : IssuedKind;
        // The body holds the notice link: the page is the party's to keep, so the link is not erased after sending.
        Outbox.Enqueue(db, clock, kind, to, NoticeText.Subject(notice), NoticeText.Body(notice, pageUrl), decision.PlatformId).DecisionId = decision.Id;
    }

    /// <summary>Called by the outbox once the mail server accepted a message about a decision.</summary>
    public static async Task RecordSentAsync(CandorDb db, long decisionId, string kind, DateTimeOffset sentAt, CancellationToken ct)
    {
        if (kind != IssuedKind) return;
        var first = await db.Decisions.Where(d => d.Id == decisionId && d.NotifiedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.NotifiedAt, sentAt), ct);
        if (first == 0) return;
        DecisionEventLog.Append(db, decisionId, DecisionEventKinds.Notified, sentAt, "system", new { channel = "email" });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>What the platform is told about the notice's delivery; no address is repeated.</summary>
    public static async Task<NoticeChannels> ChannelsAsync(CandorDb db, long decisionId, long platformId, DateTimeOffset? notifiedAt, CancellationToken ct)
    {
        var state = await db.OutboxMessages.AsNoTracking().Where(m => m.DecisionId == decisionId && m.Kind == IssuedKind)
            .OrderBy(m => m.Id).Select(m => (OutboxState?)m.State).FirstOrDefaultAsync(ct);
        var webhooks = await db.Set<WebhookEndpoint>().AsNoTracking().CountAsync(e => e.PlatformId == platformId && e.DisabledAt == null, ct);
        var viaWebhook = webhooks > 0 ? $"it is sent to the platform's {webhooks} webhook endpoint(s)" : "the platform has no webhook endpoint";
        return state switch
        {
            null => new("none", notifiedAt,
                $"The advertiser has no contact_email: no email was sent. The notice is available by its link; {viaWebhook}."),
            OutboxState.Sent => new("sent", notifiedAt, $"The notice was emailed to the advertiser's contact address; {viaWebhook}."),
            OutboxState.Failed => new("failed", notifiedAt, $"Emailing the notice failed after every retry; the notice is still available by its link; {viaWebhook}."),
            _ => new("queued", notifiedAt, $"The notice email is queued for the advertiser's contact address; {viaWebhook}."),
        };
    }
}
