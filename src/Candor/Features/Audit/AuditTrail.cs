using Candor.Data;

namespace Candor.Features.Audit;

/// <summary>Adds audit entries to the caller's unit of work, so the entry commits with the change it records.</summary>
public static class AuditTrail
{
    public static void Record(CandorDb db, TimeProvider clock, string actor, string action,
        long? platformId = null, string? subject = null, string? remoteAddress = null, string? detail = null) =>
        db.AuditEvents.Add(new AuditEvent
        {
            At = clock.GetUtcNow(),
            Actor = actor,
            Action = action,
            PlatformId = platformId,
            Subject = subject,
            RemoteAddress = remoteAddress,
            Detail = detail is { Length: > 1000 } ? detail[..1000] : detail,
        });
}
