using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Candor.Features.Decisions.Export;

/// <summary>
/// Where one decision stands in its export to the EU Transparency Database. One row per decision (unique), so a
/// decision is queued once; <see cref="State"/> becomes <c>sent</c> in the same transaction that records the TDB's 201.
/// </summary>
public sealed class DecisionExport
{
    public long Id { get; set; }
    public long DecisionId { get; set; }
    public long PlatformId { get; set; }
    /// <summary><see cref="ExportStates"/>.</summary>
    public required string State { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    /// <summary>Why a sent row needed no upload, e.g. the TDB already had its puid.</summary>
    public string? Note { get; set; }
    public DateTimeOffset QueuedAt { get; set; }
    public DateTimeOffset? LastAttemptAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
}

public static class ExportStates
{
    public const string Pending = "pending";
    public const string Sent = "sent";
    /// <summary>The TDB refused the statement itself (a 422 naming it); sending it again would not help.</summary>
    public const string Failed = "failed";
}

internal sealed class DecisionExportConfiguration : IEntityTypeConfiguration<DecisionExport>
{
    public void Configure(EntityTypeBuilder<DecisionExport> b)
    {
        b.HasIndex(e => e.DecisionId).IsUnique();
        // The exporter's query: a platform's pending rows in decision order.
        b.HasIndex(e => new { e.PlatformId, e.State, e.DecisionId });
        b.Property(e => e.State).HasMaxLength(20);
        b.Property(e => e.LastError).HasMaxLength(2000);
        b.Property(e => e.Note).HasMaxLength(200);
        b.HasOne<Decision>().WithMany().HasForeignKey(e => e.DecisionId).OnDelete(DeleteBehavior.Restrict);
    }
}
