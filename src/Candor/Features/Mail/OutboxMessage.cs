using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Candor.Features.Mail;

public enum OutboxState
{
    Queued = 0,
    Sent = 1,
    /// <summary>Gave up after <see cref="OutboxRetry.MaxAttempts"/>; an operator can requeue it.</summary>
    Failed = 2,
}

/// <summary>
/// One email waiting to be sent, or the record that it was. Written in the same transaction as whatever caused it
/// (an invitation, a decision), so a crash either loses both or neither.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }
    /// <summary>What the message is about, e.g. <c>invitation</c>; for the console and operators, not for sending.</summary>
    public required string Kind { get; set; }
    public long? PlatformId { get; set; }
    /// <summary>The decision a notice email is about, so its sending can be recorded on the decision.</summary>
    public long? DecisionId { get; set; }
    public required string To { get; set; }
    public required string Subject { get; set; }
    /// <summary>Plain text. Erased after sending when <see cref="Sensitive"/> (it held a one-time link).</summary>
    public required string Body { get; set; }
    public bool Sensitive { get; set; }
    public OutboxState State { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    /// <summary>While set and in the future, one sender (<see cref="LeaseOwner"/>) is sending this message.</summary>
    public DateTimeOffset? LeaseUntil { get; set; }
    public string? LeaseOwner { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? SentAt { get; set; }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.ToTable("mail_outbox");
        b.Property(m => m.Kind).HasMaxLength(60);
        b.Property(m => m.To).HasMaxLength(320);
        b.Property(m => m.Subject).HasMaxLength(300);
        b.Property(m => m.LeaseOwner).HasMaxLength(100);
        b.Property(m => m.LastError).HasMaxLength(1000);
        // The sender's question is always "what is queued and due?"
        b.HasIndex(m => new { m.State, m.NextAttemptAt });
        b.HasIndex(m => new { m.PlatformId, m.CreatedAt });
        b.HasIndex(m => m.DecisionId);
    }
}
