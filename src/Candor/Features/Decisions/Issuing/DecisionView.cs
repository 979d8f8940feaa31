using System.Text.Json;
using Candor.Data;
using Candor.Features.Decisions.Tdb;
using Candor.Features.Notices;
using Microsoft.EntityFrameworkCore;

namespace Candor.Features.Decisions.Issuing;

public sealed record DecisionEventView(string Kind, DateTimeOffset At, string Actor, JsonElement Payload);

/// <summary>A decision as its platform sees it through Candor's API: the Candor fields, the TDB statement, and its history.</summary>
public sealed record DecisionView(
    Guid Uuid,
    string Puid,
    string Status,
    string Origin,
    string? AdvertiserId,
    string? AdId,
    ClauseRef? Clause,
    IReadOnlyList<EvidenceItem> Evidence,
    DeciderRef? Decider,
    DateTimeOffset CreatedAt,
    DateTimeOffset? IssuedAt,
    DateTimeOffset? EffectiveAt,
    bool InEffect,
    double? SpecificityScore,
    TdbStatementView Statement,
    IReadOnlyList<DecisionEventView> Events,
    /// <summary>How the affected party is told: the email's state, when it was informed, and what to do without an email.</summary>
    NoticeChannels? Notice,
    /// <summary>The affected party's notice page, with its access token; only in the answer that issued the decision.</summary>
    string? NoticeUrl)
{
    /// <summary>Another platform's decision is not found: its existence is not disclosed.</summary>
    public static async Task<DecisionView?> LoadAsync(CandorDb db, long platformId, Guid uuid, string baseUrl, DateTimeOffset now, string? noticeUrl, CancellationToken ct)
    {
        var found = await db.Decisions.AsNoTracking()
            .Where(d => d.Uuid == uuid && d.PlatformId == platformId)
            .Join(db.Platforms, d => d.PlatformId, p => p.Id, (d, p) => new { Decision = d, p.Name })
            .FirstOrDefaultAsync(ct);
        if (found is null) return null;
        var d = found.Decision;
        var advertiser = d.AdvertiserId is null ? null : await db.Advertisers.AsNoTracking().Where(a => a.Id == d.AdvertiserId).Select(a => a.ExternalId).FirstAsync(ct);
        var ad = d.AdId is null ? null : await db.Ads.AsNoTracking().Where(a => a.Id == d.AdId).Select(a => a.ExternalId).FirstAsync(ct);
        var events = await db.DecisionEvents.AsNoTracking().Where(e => e.DecisionId == d.Id).OrderBy(e => e.Id)
            .Select(e => new { e.Kind, e.At, e.Actor, e.PayloadJson }).ToListAsync(ct);
        var notice = d.Origin == DecisionOrigins.Candor && d.Status != DecisionStatuses.Draft
            ? await NoticeEmail.ChannelsAsync(db, d.Id, d.PlatformId, d.NotifiedAt, ct)
            : null;
        return new DecisionView(
            d.Uuid, d.Puid, d.Status, d.Origin, advertiser, ad,
            d.ClauseId is null ? null : new ClauseRef(d.ClauseId, d.ClauseVersion ?? ""),
            Issuance.EvidenceOf(d),
            d.DeciderKind is null ? null : new DeciderRef(d.DeciderKind, d.DeciderRef),
            d.CreatedAt, d.IssuedAt, d.EffectiveAt,
            d.Status == DecisionStatuses.Issued && d.EffectiveAt <= now,
            d.SpecificityScore,
            TdbStatementView.Of(d, found.Name, baseUrl, TdbStatementView.Shape.Read),
            events.Select(e => new DecisionEventView(e.Kind, e.At, e.Actor, JsonDocument.Parse(e.PayloadJson).RootElement.Clone())).ToList(),
            notice,
            noticeUrl);
    }
}
