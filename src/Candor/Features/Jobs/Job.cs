using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Candor.Features.Jobs;

/// <summary>
/// One unit of background work (an email to send, a rescreening run, an export batch). Stored, so nothing is lost
/// on a crash; leased, so with several nodes exactly one node works on it at a time and a dead node's job is
/// taken over when its lease runs out.
/// </summary>
public sealed class Job
{
    public long Id { get; set; }
    public required string Kind { get; set; }
    /// <summary>When set, at most one queued or running job of this kind has this key (e.g. "rescreen:all").</summary>
    public string? DedupeKey { get; set; }
    public required string PayloadJson { get; set; }
    public required string State { get; set; }
    public int Attempts { get; set; }
    public int MaxAttempts { get; set; }
    /// <summary>Not before this instant (scheduling, and the backoff after a failed attempt).</summary>
    public DateTimeOffset RunAfter { get; set; }
    public string? LeaseOwner { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
    public long ProgressDone { get; set; }
    public long? ProgressTotal { get; set; }
    /// <summary>Where a handler got to, so a run taken over after a crash resumes instead of starting again.</summary>
    public string? CheckpointJson { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
}

public static class JobStates
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";

    public static readonly string[] All = [Queued, Running, Succeeded, Failed];
}

internal sealed class JobConfiguration : IEntityTypeConfiguration<Job>
{
    public void Configure(EntityTypeBuilder<Job> b)
    {
        b.Property(j => j.Kind).HasMaxLength(100);
        b.Property(j => j.DedupeKey).HasMaxLength(300);
        b.Property(j => j.State).HasMaxLength(20);
        b.Property(j => j.LeaseOwner).HasMaxLength(200);
        b.Property(j => j.LastError).HasMaxLength(2000);
        // The runner's claim query: ready jobs in order.
        b.HasIndex(j => new { j.State, j.RunAfter });
        // Partial unique index (same SQL on SQLite and PostgreSQL): a key is unique among unfinished jobs only,
        // so the same work can be queued again once the previous run has finished.
        b.HasIndex(j => new { j.Kind, j.DedupeKey }).IsUnique()
            .HasFilter("dedupe_key IS NOT NULL AND state IN ('queued', 'running')");
    }
}
