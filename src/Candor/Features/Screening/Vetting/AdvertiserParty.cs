using Candor.Features.Ads;
using Candor.Features.Advertisers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Candor.Features.Screening.Vetting;

/// <summary>
/// A payer or beneficiary named by any of an advertiser's ads, once per (advertiser, role, name). Screening reads the
/// advertiser's parties here instead of every ad it ever ran, and ingest queues a screening only when an ad names a
/// party the advertiser did not have: both then cost what the batch brings, not what the advertiser's history holds.
/// A party stays once named: money from a restricted party for ads that ran matters after the ad changes payer.
/// </summary>
public sealed class AdvertiserParty
{
    public long Id { get; set; }
    public long AdvertiserId { get; set; }
    /// <summary><see cref="SubjectRoles.Payer"/> or <see cref="SubjectRoles.Beneficiary"/>.</summary>
    public required string Role { get; set; }
    public required string Name { get; set; }
}

internal sealed class AdvertiserPartyConfiguration : IEntityTypeConfiguration<AdvertiserParty>
{
    public void Configure(EntityTypeBuilder<AdvertiserParty> b)
    {
        b.Property(p => p.Role).HasMaxLength(16);
        b.Property(p => p.Name).HasMaxLength(AdLimits.Name);
        b.HasIndex(p => new { p.AdvertiserId, p.Role, p.Name }).IsUnique();
        b.HasOne<Advertiser>().WithMany().HasForeignKey(p => p.AdvertiserId).OnDelete(DeleteBehavior.Cascade);
    }
}
