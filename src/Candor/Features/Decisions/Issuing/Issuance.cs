using System.Text.Json;
using Candor.Data;
using Candor.Features.Jobs;
using Candor.Features.Notices;
using Candor.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Candor.Features.Decisions.Issuing;

/// <summary>What turns a stored decision into an issued one: its event, text fingerprints, notice link and deliveries.</summary>
public static class Issuance
{
    /// <summary>Adds the rows to the context (the caller saves, in its transaction) and returns the notice page path.</summary>
    public static async Task<string> CompleteAsync(
        CandorDb db, TimeProvider clock, Decision d, DecisionSubject subject, IReadOnlyList<FingerprintedText> texts, string actor,
        NoticeOptions noticeOptions, object? eventPayload, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        d.Status = DecisionStatuses.Issued;
        d.IssuedAt = now;
        d.EffectiveAt = d.EffectiveAt is { } at && at > now ? at : now;
        DecisionEventLog.Append(db, d.Id, DecisionEventKinds.Issued, now, actor, eventPayload);
        foreach (var text in texts) TextUseCounts.Record(db, d, text, subject.Key, now);
        var (access, path) = NoticeAccess.New(d, now);
        db.Set<NoticeAccess>().Add(access);
        if (d.EffectiveAt > now) BackgroundJobs.Add(db, clock, TakeEffect.Kind, new TakeEffect.Payload(d.Id), runAfter: d.EffectiveAt);
        var platformName = await db.Platforms.AsNoTracking().Where(p => p.Id == d.PlatformId).Select(p => p.Name).FirstAsync(ct);
        var notice = NoticeComposer.Compose(d, platformName, subject.Name, subject.AdExternalId, subject.AdTitle, noticeOptions, now);
        await NoticeDelivery.QueueAsync(db, clock, d, NoticeDelivery.IssuedEvent, notice, path, ct);
        return path;
    }

    public static IReadOnlyList<EvidenceItem> EvidenceOf(Decision d) =>
        JsonSerializer.Deserialize<List<EvidenceItem>>(d.EvidenceJson, CandorJson.Output) ?? [];
}

/// <summary>Records the moment a decision issued for a later time took effect.</summary>
public sealed class TakeEffect : IJobHandler
{
    public const string Kind = "decisions.take-effect";

    public sealed record Payload(long DecisionId);

    public async Task<JobOutcome> RunAsync(JobContext context, CancellationToken ct)
    {
        var id = context.Payload<Payload>().DecisionId;
        var db = context.Db;
        var status = await db.Decisions.Where(d => d.Id == id).Select(d => d.Status).FirstOrDefaultAsync(ct);
        // A decision reversed or superseded before its time never takes effect; re-running after a crash adds no second event.
        if (status != DecisionStatuses.Issued || await db.DecisionEvents.AnyAsync(e => e.DecisionId == id && e.Kind == DecisionEventKinds.TookEffect, ct))
            return JobOutcome.Done;
        DecisionEventLog.Append(db, id, DecisionEventKinds.TookEffect, context.Clock.GetUtcNow(), "system");
        await db.SaveChangesAsync(ct);
        return JobOutcome.Done;
    }
}
