namespace Candor.Features.Audit;

/// <summary>One entry of the audit trail: who did what, when, from where. Never updated or deleted.</summary>
public sealed class AuditEvent
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    /// <summary><c>user:12</c>, <c>token:3</c>, <c>cli</c> or <c>anonymous</c>.</summary>
    public required string Actor { get; set; }
    public required string Action { get; set; }
    public long? PlatformId { get; set; }
    /// <summary>What the action was about, e.g. <c>user:12</c>; never a secret.</summary>
    public string? Subject { get; set; }
    public string? RemoteAddress { get; set; }
    public string? Detail { get; set; }
}
