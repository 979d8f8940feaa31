using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Candor.Features.Screening.Storage;

internal sealed class ListSnapshotConfiguration : IEntityTypeConfiguration<ListSnapshot>
{
    public void Configure(EntityTypeBuilder<ListSnapshot> b)
    {
        b.Property(s => s.ListSlug).HasMaxLength(64);
        b.Property(s => s.Format).HasMaxLength(32);
        b.Property(s => s.SourceUrl).HasMaxLength(2048);
        b.Property(s => s.ContentHash).HasMaxLength(64);
        b.Property(s => s.State).HasMaxLength(16);
        b.Property(s => s.Error).HasMaxLength(2000);
        // "The newest complete snapshot of each list" is the query every node polls.
        b.HasIndex(s => new { s.State, s.ListSlug, s.Id });
    }
}

internal sealed class StoredListEntryConfiguration : IEntityTypeConfiguration<StoredListEntry>
{
    public void Configure(EntityTypeBuilder<StoredListEntry> b)
    {
        b.ToTable("list_entries");
        b.Property(e => e.EntryKey).HasMaxLength(300);
        b.Property(e => e.SourceId).HasMaxLength(200);
        b.Property(e => e.Type).HasMaxLength(16);
        b.Property(e => e.SourceUrl).HasMaxLength(2048);
        b.Property(e => e.EntryHash).HasMaxLength(64);
        b.HasIndex(e => new { e.SnapshotId, e.EntryKey }).IsUnique();
        b.HasOne<ListSnapshot>().WithMany().HasForeignKey(e => e.SnapshotId).OnDelete(DeleteBehavior.Cascade);
    }
}
