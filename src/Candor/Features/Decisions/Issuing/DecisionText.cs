using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Candor.Features.Decisions.Issuing;

/// <summary>The MinHash signature of one text of an issued decision, so later decisions can find near-duplicates.</summary>
public sealed class DecisionText
{
    public long Id { get; set; }
    public long DecisionId { get; set; }
    public Decision? Decision { get; set; }
    public long PlatformId { get; set; }
    /// <summary><c>decision_facts</c> or <c>explanation</c>.</summary>
    public required string Field { get; set; }
    /// <summary>Whom the decision concerned (<see cref="TextUseCounts.SubjectKey"/>): uses for the same subject are not "unrelated".</summary>
    public required string SubjectKey { get; set; }
    public required string Signature { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>One locality-sensitive band key of a <see cref="DecisionText"/>: the indexed way into near-duplicates.</summary>
public sealed class DecisionTextBand
{
    public long Id { get; set; }
    public long DecisionTextId { get; set; }
    public DecisionText? DecisionText { get; set; }
    public long PlatformId { get; set; }
    public required string BandKey { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class DecisionTextConfiguration : IEntityTypeConfiguration<DecisionText>
{
    public void Configure(EntityTypeBuilder<DecisionText> b)
    {
        b.Property(t => t.Field).HasMaxLength(40);
        b.Property(t => t.SubjectKey).HasMaxLength(600);
        b.Property(t => t.Signature).HasMaxLength(700);
        b.HasIndex(t => t.DecisionId);
        b.HasOne(t => t.Decision).WithMany().HasForeignKey(t => t.DecisionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DecisionTextBandConfiguration : IEntityTypeConfiguration<DecisionTextBand>
{
    public void Configure(EntityTypeBuilder<DecisionTextBand> b)
    {
        b.Property(t => t.BandKey).HasMaxLength(20);
        b.HasIndex(t => new { t.PlatformId, t.BandKey, t.CreatedAt });
        b.HasOne(t => t.DecisionText).WithMany().HasForeignKey(t => t.DecisionTextId).OnDelete(DeleteBehavior.Restrict);
    }
}
