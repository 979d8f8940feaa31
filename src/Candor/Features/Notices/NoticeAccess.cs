using Candor.Features.Decisions;
using Candor.Features.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Candor.Features.Notices;

/// <summary>
/// The key to one decision's notice page. The link carries a random token and only its hash is stored, so the
/// affected party can read its notice without an account — also when that account is the thing suspended.
/// </summary>
public sealed class NoticeAccess
{
    public long Id { get; set; }
    public long DecisionId { get; set; }
    public Decision? Decision { get; set; }
    public long PlatformId { get; set; }
    public required string TokenHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? FirstViewedAt { get; set; }

    /// <summary>A new access for the decision; returns the page path with the token, the only time the token exists in clear.</summary>
    public static (NoticeAccess Access, string Path) New(Decision decision, DateTimeOffset now)
    {
        var token = TokenSecret.New();
        var access = new NoticeAccess { Decision = decision, PlatformId = decision.PlatformId, TokenHash = TokenSecret.Hash(token), CreatedAt = now };
        return (access, PathOf(decision.Uuid, token));
    }

    public static string PathOf(Guid uuid, string token) => $"/notices/{uuid}?t={Uri.EscapeDataString(token)}";
}

internal sealed class NoticeAccessConfiguration : IEntityTypeConfiguration<NoticeAccess>
{
    public void Configure(EntityTypeBuilder<NoticeAccess> b)
    {
        b.ToTable("notice_accesses");
        b.Property(n => n.TokenHash).HasMaxLength(64);
        b.HasIndex(n => n.TokenHash).IsUnique();
        b.HasIndex(n => n.DecisionId);
        b.HasOne(n => n.Decision).WithMany().HasForeignKey(n => n.DecisionId).OnDelete(DeleteBehavior.Restrict);
    }
}
