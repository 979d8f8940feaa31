using Candor.Features.Advertisers;
using Candor.Features.Audit;
using Candor.Features.Identity;
using Candor.Features.Platforms;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Candor.Data;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> b)
    {
        b.Property(u => u.Email).HasMaxLength(320);
        b.Property(u => u.PasswordHash).HasMaxLength(200);
        b.Property(u => u.SecurityStamp).HasMaxLength(64);
        b.Property(u => u.PasswordLinkHash).HasMaxLength(64);
        b.HasIndex(u => u.Email).IsUnique();
        b.HasIndex(u => u.PasswordLinkHash).IsUnique();
        b.Property(u => u.OidcIssuer).HasMaxLength(300);
        // OpenID Connect Core 1.0 §2: a subject is at most 255 ASCII characters.
        b.Property(u => u.OidcSubject).HasMaxLength(255);
        b.HasIndex(u => new { u.OidcIssuer, u.OidcSubject }).IsUnique();
    }
}

internal sealed class RoleAssignmentConfiguration : IEntityTypeConfiguration<RoleAssignment>
{
    public void Configure(EntityTypeBuilder<RoleAssignment> b)
    {
        b.Property(r => r.Role).HasMaxLength(40);
        b.HasIndex(r => new { r.UserId, r.Role, r.PlatformId, r.AdvertiserId }).IsUnique();
        b.HasOne<User>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Platform>().WithMany().HasForeignKey(r => r.PlatformId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Advertiser>().WithMany().HasForeignKey(r => r.AdvertiserId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> b)
    {
        b.Property(e => e.Actor).HasMaxLength(100);
        b.Property(e => e.Action).HasMaxLength(60);
        b.Property(e => e.Subject).HasMaxLength(200);
        b.Property(e => e.RemoteAddress).HasMaxLength(64);
        b.Property(e => e.Detail).HasMaxLength(1000);
        b.HasIndex(e => new { e.PlatformId, e.At });
        b.HasIndex(e => e.At);
    }
}
