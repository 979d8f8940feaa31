using Candor.Features.Ads;
using Candor.Features.Advertisers;
using Candor.Features.Decisions.Tdb;
using Candor.Features.Platforms;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Candor.Features.Decisions;

internal sealed class DecisionConfiguration : IEntityTypeConfiguration<Decision>
{
    /// <summary>The (platform_id, puid) unique index; <see cref="StatementRowWrites"/> names its columns in ON CONFLICT.</summary>
    public const string PuidIndex = "ix_decisions_platform_id_puid";

    public void Configure(EntityTypeBuilder<Decision> b)
    {
        b.HasIndex(d => d.Uuid).IsUnique();
        // Puids are unique per platform forever: decisions are never deleted, so this index is the whole guarantee.
        b.HasIndex(d => new { d.PlatformId, d.Puid }).IsUnique().HasDatabaseName(PuidIndex);
        b.HasIndex(d => new { d.PlatformId, d.CreatedAt });
        b.HasIndex(d => d.AdvertiserId);
        b.HasIndex(d => d.AdId);
        // Boilerplate counting looks texts up by fingerprint within one platform (Issuing/TextUseCounts.cs).
        b.HasIndex(d => new { d.PlatformId, d.FactsFingerprint });
        b.HasIndex(d => new { d.PlatformId, d.ExplanationFingerprint });
        b.Property(d => d.FactsFingerprint).HasMaxLength(32);
        b.Property(d => d.ExplanationFingerprint).HasMaxLength(32);
        b.Property(d => d.Puid).HasMaxLength(TdbValidation.ShortText);
        b.Property(d => d.Origin).HasMaxLength(20);
        b.Property(d => d.Method).HasMaxLength(20);
        b.Property(d => d.ClauseId).HasMaxLength(200);
        b.Property(d => d.ClauseVersion).HasMaxLength(100);
        b.Property(d => d.ClausePolicyId).HasMaxLength(64);
        b.Property(d => d.DeciderKind).HasMaxLength(20);
        b.Property(d => d.DeciderRef).HasMaxLength(200);
        b.Property(d => d.Status).HasMaxLength(20);
        foreach (var name in new[]
                 {
                     nameof(Decision.DecisionVisibilityOther), nameof(Decision.DecisionMonetaryOther), nameof(Decision.DecisionGroundReferenceUrl),
                     nameof(Decision.IllegalContentLegalGround), nameof(Decision.IncompatibleContentGround), nameof(Decision.ContentTypeOther),
                     nameof(Decision.CategorySpecificationOther), nameof(Decision.SourceIdentity),
                 })
            b.Property(name).HasMaxLength(TdbValidation.ShortText);
        b.Property(d => d.IllegalContentExplanation).HasMaxLength(TdbValidation.Explanation);
        b.Property(d => d.IncompatibleContentExplanation).HasMaxLength(TdbValidation.Explanation);
        b.Property(d => d.DecisionFacts).HasMaxLength(TdbValidation.Facts);
        foreach (var name in new[]
                 {
                     nameof(Decision.DecisionMonetary), nameof(Decision.DecisionProvision), nameof(Decision.DecisionAccount), nameof(Decision.AccountType),
                     nameof(Decision.DecisionGround), nameof(Decision.Category), nameof(Decision.SourceType), nameof(Decision.AutomatedDecision),
                 })
            b.Property(name).HasMaxLength(100);
        b.Property(d => d.ContentLanguage).HasMaxLength(2);
        b.Property(d => d.ContentIdEan).HasMaxLength(13);
        b.HasOne<Platform>().WithMany().HasForeignKey(d => d.PlatformId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Advertiser>().WithMany().HasForeignKey(d => d.AdvertiserId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Ad>().WithMany().HasForeignKey(d => d.AdId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DecisionEventConfiguration : IEntityTypeConfiguration<DecisionEvent>
{
    public void Configure(EntityTypeBuilder<DecisionEvent> b)
    {
        b.Property(e => e.Kind).HasMaxLength(40);
        b.Property(e => e.Actor).HasMaxLength(200);
        b.HasIndex(e => new { e.DecisionId, e.Id });
        b.HasOne<Decision>().WithMany().HasForeignKey(e => e.DecisionId).OnDelete(DeleteBehavior.Restrict);
    }
}
