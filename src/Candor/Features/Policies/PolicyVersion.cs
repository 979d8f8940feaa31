using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Candor.Features.Policies;

/// <summary>
/// One published version of a policy. Rows are only ever added: a decision cites a clause and a version, and both
/// must stay readable for as long as the decision can be appealed or audited.
/// </summary>
public sealed class PolicyVersion
{
    public long Id { get; set; }

    /// <summary>The platform whose catalogue this is; null for the installation's own catalogue.</summary>
    public long? PlatformId { get; set; }

    public required string PolicyId { get; set; }
    public required string Version { get; set; }

    /// <summary><see cref="PolicyVersions.SortKey"/>: orders versions numerically in SQL.</summary>
    public required string VersionKey { get; set; }

    public required string Title { get; set; }
    public required string Summary { get; set; }
    public DateTimeOffset EffectiveFrom { get; set; }

    /// <summary>SHA-256 of the canonical JSON document: equal hashes mean the same policy, whatever the YAML layout.</summary>
    public required string ContentHash { get; set; }

    /// <summary>The canonical JSON (<see cref="PolicyJson.Document"/>), rules included.</summary>
    public required string Document { get; set; }

    public required string SourceFile { get; set; }

    /// <summary>The YAML as imported, so the compiled rules can be rebuilt exactly.</summary>
    public required string SourceText { get; set; }

    public long ImportId { get; set; }
    public DateTimeOffset ImportedAt { get; set; }
}

/// <summary>One accepted import of a catalogue directory, with the lists it brought.</summary>
public sealed class PolicyImport
{
    public long Id { get; set; }
    public long? PlatformId { get; set; }
    public required string ListsJson { get; set; }
    public required string ListsHash { get; set; }
    public int NewVersions { get; set; }
    public required string ImportedBy { get; set; }
    public DateTimeOffset ImportedAt { get; set; }
}

internal sealed class PolicyVersionConfiguration : IEntityTypeConfiguration<PolicyVersion>
{
    public void Configure(EntityTypeBuilder<PolicyVersion> b)
    {
        // The whole guarantee against two imports publishing the same version at once, on any node.
        b.HasIndex(p => new { p.PolicyId, p.Version }).IsUnique();
        b.HasIndex(p => new { p.PolicyId, p.VersionKey });
        b.HasIndex(p => p.PlatformId);
        b.Property(p => p.PolicyId).HasMaxLength(64);
        b.Property(p => p.Version).HasMaxLength(20);
        b.Property(p => p.VersionKey).HasMaxLength(24);
        b.Property(p => p.Title).HasMaxLength(500);
        b.Property(p => p.ContentHash).HasMaxLength(64);
        b.Property(p => p.SourceFile).HasMaxLength(300);
        b.HasOne<Platforms.Platform>().WithMany().HasForeignKey(p => p.PlatformId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<PolicyImport>().WithMany().HasForeignKey(p => p.ImportId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PolicyImportConfiguration : IEntityTypeConfiguration<PolicyImport>
{
    public void Configure(EntityTypeBuilder<PolicyImport> b)
    {
        b.HasIndex(p => new { p.PlatformId, p.Id });
        b.Property(p => p.ListsHash).HasMaxLength(64);
        b.Property(p => p.ImportedBy).HasMaxLength(200);
        b.HasOne<Platforms.Platform>().WithMany().HasForeignKey(p => p.PlatformId).OnDelete(DeleteBehavior.Restrict);
    }
}
