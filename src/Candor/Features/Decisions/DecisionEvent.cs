using Candor.Data;
using Candor.Infrastructure;

namespace Candor.Features.Decisions;

/// <summary>One thing that happened to a decision after it was created. Append-only: rows are never updated or deleted.</summary>
public sealed class DecisionEvent
{
    public long Id { get; set; }
    public long DecisionId { get; set; }
    /// <summary><see cref="DecisionEventKinds"/>.</summary>
    public required string Kind { get; set; }
    public DateTimeOffset At { get; set; }
    /// <summary>Who did it: <c>token:ID</c>, <c>user:ID</c>, <c>system</c>.</summary>
    public required string Actor { get; set; }
    /// <summary>JSON object with what the kind needs (e.g. the superseding decision's uuid); <c>{}</c> when nothing.</summary>
    public required string PayloadJson { get; set; }
}

public static class DecisionEventKinds
{
    public const string Drafted = "drafted";
    public const string Issued = "issued";
    /// <summary>A decision issued with a later effective time took effect.</summary>
    public const string TookEffect = "took-effect";
    public const string Amended = "amended";
    public const string Reversed = "reversed";
    public const string Superseded = "superseded";
    public const string Notified = "notified";
}

/// <summary>Appends events to a decision's history; the only way events are written through EF.</summary>
public static class DecisionEventLog
{
    public static DecisionEvent New(long decisionId, string kind, DateTimeOffset at, string actor, object? payload = null) => new()
    {
        DecisionId = decisionId,
        Kind = kind,
        At = at,
        Actor = actor,
        PayloadJson = payload is null ? "{}" : System.Text.Json.JsonSerializer.Serialize(payload, CandorJson.Output),
    };

    /// <summary>Adds the event to the context; the caller saves it in the same transaction as the change it records.</summary>
    public static DecisionEvent Append(CandorDb db, long decisionId, string kind, DateTimeOffset at, string actor, object? payload = null)
    {
        var entry = New(decisionId, kind, at, actor, payload);
        db.DecisionEvents.Add(entry);
        return entry;
    }
}
