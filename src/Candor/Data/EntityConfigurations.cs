using Candor.Features.Ads;
using Candor.Features.Advertisers;
using Candor.Features.Platforms;
using Candor.Features.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Candor.Data;

internal sealed class PlatformConfiguration : IEntityTypeConfiguration<Platform>
{
    public void Configure(EntityTypeBuilder<Platform> b)
    {
        b.Property(p => p.Slug).HasMaxLength(64);
        b.Property(p => p.Name).HasMaxLength(200);
        b.HasIndex(p => p.Slug).IsUnique();
    }
}

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> b)
    {
        b.Property(t => t.Name).HasMaxLength(200);
        b.Property(t => t.Hash).HasMaxLength(64);
        b.Property(t => t.Prefix).HasMaxLength(16);
        b.Property(t => t.Scopes).HasMaxLength(500);
        b.Property(t => t.LastUsedFrom).HasMaxLength(64);
        b.HasIndex(t => t.Hash).IsUnique();
        b.HasIndex(t => t.PlatformId);
        b.HasOne<Platform>().WithMany().HasForeignKey(t => t.PlatformId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AdvertiserConfiguration : IEntityTypeConfiguration<Advertiser>
{
    public void Configure(EntityTypeBuilder<Advertiser> b)
    {
        b.Property(a => a.ExternalId).HasMaxLength(AdLimits.Id);
        b.Property(a => a.LegalName).HasMaxLength(AdLimits.Name);
        b.Property(a => a.DisplayName).HasMaxLength(AdLimits.Name);
        b.Property(a => a.Country).HasMaxLength(2);
        b.Property(a => a.VerificationStatus).HasMaxLength(20);
        b.Property(a => a.ContentHash).HasMaxLength(64);
        b.Property(a => a.ContactEmail).HasMaxLength(320);
        b.HasIndex(a => new { a.PlatformId, a.ExternalId }).IsUnique();
        b.HasOne<Platform>().WithMany().HasForeignKey(a => a.PlatformId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AdConfiguration : IEntityTypeConfiguration<Ad>
{
    public void Configure(EntityTypeBuilder<Ad> b)
    {
        b.Property(a => a.ExternalId).HasMaxLength(AdLimits.Id);
        b.Property(a => a.Beneficiary).HasMaxLength(AdLimits.Name);
        b.Property(a => a.Payer).HasMaxLength(AdLimits.Name);
        b.Property(a => a.Title).HasMaxLength(AdLimits.Title);
        b.Property(a => a.Body).HasMaxLength(AdLimits.Body);
        b.Property(a => a.LandingUrl).HasMaxLength(AdLimits.Url);
        b.Property(a => a.LandingDomain).HasMaxLength(255);
        b.Property(a => a.Format).HasMaxLength(AdLimits.ShortText);
        b.Property(a => a.Language).HasMaxLength(2);
        b.Property(a => a.Product).HasMaxLength(AdLimits.Name);
        b.Property(a => a.Subject).HasMaxLength(AdLimits.Name);
        b.Property(a => a.Status).HasMaxLength(20);
        b.Property(a => a.Currency).HasMaxLength(3);
        b.Property(a => a.ContentHash).HasMaxLength(64);
        b.Property(a => a.SpendMin).HasPrecision(18, 2);
        b.Property(a => a.SpendMax).HasPrecision(18, 2);
        b.HasIndex(a => new { a.PlatformId, a.ExternalId }).IsUnique();
        b.HasIndex(a => new { a.DeliveryStart, a.Id });
        b.HasIndex(a => a.AdvertiserId);
        b.HasOne(a => a.Advertiser).WithMany().HasForeignKey(a => a.AdvertiserId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Platform>().WithMany().HasForeignKey(a => a.PlatformId).OnDelete(DeleteBehavior.Restrict);
    }
}
