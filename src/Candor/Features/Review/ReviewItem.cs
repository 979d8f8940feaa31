using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Candor.Features.Review;

/// <summary>
/// Something the rules could not settle alone: one clause's hit on one subject, waiting for a human (or an open
/// screening finding: subject <c>finding:{id}</c>, clause <c>screening-finding</c>). At most one
/// open item per subject and clause (a partial unique index), so re-evaluations do not pile up duplicates; a
/// reviewer claims it with a lease so two never work the same item.
/// </summary>
public sealed class ReviewItem
{
    public long Id { get; set; }
    public long PlatformId { get; set; }

    /// <summary>Same shape as <see cref="Evaluations.Evaluation.SubjectKey"/>.</summary>
    public required string SubjectKey { get; set; }
    public required string SubjectKind { get; set; }
    public long AdvertiserId { get; set; }
    public long? AdId { get; set; }

    /// <summary>
    /// The evaluation that raised it (the latest one that still hits, after a re-evaluation); null for a screening
    /// finding's item (<see cref="Screening.Vetting.FindingReviewItems"/>), which no evaluation raised.
    /// </summary>
    public long? EvaluationId { get; set; }

    public required string PolicyId { get; set; }
    public required string PolicyVersion { get; set; }
    public required string ClauseId { get; set; }

    /// <summary>JSON array of the rule ids that fired for this clause.</summary>
    public required string RuleIdsJson { get; set; }

    /// <summary>Higher first; ties go to the oldest.</summary>
    public int Priority { get; set; }

    /// <summary><see cref="ReviewStates"/>.</summary>
    public required string State { get; set; }

    public long? ClaimedByUserId { get; set; }
    public DateTimeOffset? ClaimedUntil { get; set; }

    public string? DismissReason { get; set; }
    /// <summary>The decision a reviewer issued from this item.</summary>
    public long? DecisionId { get; set; }
    public long? ClosedByUserId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
}

public static class ReviewStates
{
    public const string Open = "open";
    public const string Dismissed = "dismissed";
    public const string Decided = "decided";
    /// <summary>A later evaluation no longer hits this clause (e.g. the ad was fixed or the rule changed).</summary>
    public const string Resolved = "resolved";
}

internal sealed class ReviewItemConfiguration : IEntityTypeConfiguration<ReviewItem>
{
    public void Configure(EntityTypeBuilder<ReviewItem> b)
    {
        b.HasIndex(r => new { r.PlatformId, r.SubjectKey, r.ClauseId }).IsUnique().HasFilter("state = 'open'");
        b.HasIndex(r => new { r.PlatformId, r.State, r.Priority, r.CreatedAt });
        // Screening keeps the finding items of a batch of advertisers in step.
        b.HasIndex(r => new { r.AdvertiserId, r.SubjectKind, r.State });
        b.Property(r => r.SubjectKey).HasMaxLength(40);
        b.Property(r => r.SubjectKind).HasMaxLength(16);
        b.Property(r => r.PolicyId).HasMaxLength(64);
        b.Property(r => r.PolicyVersion).HasMaxLength(20);
        b.Property(r => r.ClauseId).HasMaxLength(64);
        b.Property(r => r.State).HasMaxLength(16);
        b.Property(r => r.DismissReason).HasMaxLength(2000);
        b.HasOne<Platforms.Platform>().WithMany().HasForeignKey(r => r.PlatformId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Evaluations.Evaluation>().WithMany().HasForeignKey(r => r.EvaluationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Decisions.Decision>().WithMany().HasForeignKey(r => r.DecisionId).OnDelete(DeleteBehavior.Restrict);
    }
}
