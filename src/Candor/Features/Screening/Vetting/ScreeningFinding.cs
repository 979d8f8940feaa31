using Candor.Features.Ads;
using Candor.Features.Advertisers;
using Candor.Features.Platforms;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Candor.Features.Screening.Vetting;

/// <summary>
/// A possible match of one of an advertiser's names (legal name, display name, a payer or beneficiary of its ads) to a
/// list entry. An open finding is a review item. Findings are never deleted: one whose entry leaves the list is
/// marked delisted, so the record of what was known and when stays.
/// </summary>
public sealed class ScreeningFinding
{
    public long Id { get; set; }
    public long PlatformId { get; set; }
    public long AdvertiserId { get; set; }
    /// <summary>The name that was screened, as the platform sent it.</summary>
    public required string Subject { get; set; }
    /// <summary><see cref="SubjectRoles"/>: which of the advertiser's names it is.</summary>
    public required string SubjectRole { get; set; }
    public required string ListSlug { get; set; }
    /// <summary>The snapshot the finding was last confirmed against (or, when delisted, the one without the entry).</summary>
    public long SnapshotId { get; set; }
    public required string EntryKey { get; set; }
    public required string SourceId { get; set; }
    public required string EntryName { get; set; }
    public required string MatchedName { get; set; }
    public double Score { get; set; }
    public required string ExplanationJson { get; set; }
    public required string State { get; set; }
    public DateTimeOffset FirstSeenAt { get; set; }
    public DateTimeOffset LastSeenAt { get; set; }
    public DateTimeOffset? DelistedAt { get; set; }
    /// <summary>Hash of the list entry as last matched (<see cref="Storage.StoredListEntry.EntryHash"/>).</summary>
    public string? EntryHash { get; set; }
    /// <summary>Who last cleared or confirmed it: <c>user:12</c> or <c>token:3</c>. Kept when a cleared finding reopens.</summary>
    public string? ReviewedBy { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }
    public string? ReviewReason { get; set; }
    /// <summary>The entry hash the reviewer saw: a cleared finding stays cleared only while the entry still has it.</summary>
    public string? ReviewedEntryHash { get; set; }
    /// <summary>When a cleared finding was reopened because its list entry changed since the review.</summary>
    public DateTimeOffset? ReopenedAt { get; set; }
}

public static class FindingStates
{
    public const string Open = "open";
    public const string Cleared = "cleared";
    public const string Confirmed = "confirmed";
    public const string Delisted = "delisted";
}

public static class SubjectRoles
{
    public const string LegalName = "legal_name";
    public const string DisplayName = "display_name";
    public const string Payer = "payer";
    public const string Beneficiary = "beneficiary";
}

internal sealed class ScreeningFindingConfiguration : IEntityTypeConfiguration<ScreeningFinding>
{
    public void Configure(EntityTypeBuilder<ScreeningFinding> b)
    {
        b.Property(f => f.Subject).HasMaxLength(AdLimits.Name);
        b.Property(f => f.SubjectRole).HasMaxLength(16);
        b.Property(f => f.ListSlug).HasMaxLength(64);
        b.Property(f => f.EntryKey).HasMaxLength(300);
        b.Property(f => f.SourceId).HasMaxLength(200);
        b.Property(f => f.State).HasMaxLength(16);
        b.Property(f => f.EntryHash).HasMaxLength(64);
        b.Property(f => f.ReviewedBy).HasMaxLength(64);
        b.Property(f => f.ReviewReason).HasMaxLength(FindingReview.MaxReason);
        b.Property(f => f.ReviewedEntryHash).HasMaxLength(64);
        b.HasIndex(f => new { f.AdvertiserId, f.Subject, f.ListSlug, f.EntryKey }).IsUnique();
        // The reviewers' list: a platform's findings in one state, best score first, oldest first.
        b.HasIndex(f => new { f.PlatformId, f.State, f.Score, f.FirstSeenAt });
        // Withdrawing a list delists its findings across platforms.
        b.HasIndex(f => new { f.ListSlug, f.State });
        b.HasOne<Advertiser>().WithMany().HasForeignKey(f => f.AdvertiserId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Platform>().WithMany().HasForeignKey(f => f.PlatformId).OnDelete(DeleteBehavior.Restrict);
    }
}
