using Candor.Features.Platforms;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Candor.Features.Notices;

/// <summary>
/// Where a platform wants its notices POSTed, and the secret they are signed with. The secret is kept in clear
/// because signing needs it (a hash could only verify); it is shown once, when set (docs/decisions.md).
/// </summary>
public sealed class WebhookEndpoint
{
    public long Id { get; set; }
    public long PlatformId { get; set; }
    public required string Url { get; set; }
    public required string Secret { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DisabledAt { get; set; }
}

/// <summary>One attempt to deliver one notice event to one endpoint: the delivery log.</summary>
public sealed class WebhookDelivery
{
    public long Id { get; set; }
    public long EndpointId { get; set; }
    public long DecisionId { get; set; }
    public long JobId { get; set; }
    public required string Event { get; set; }
    public int Attempt { get; set; }
    /// <summary>The HTTP status, or null when no answer came (connection refused, timeout).</summary>
    public int? StatusCode { get; set; }
    public string? Error { get; set; }
    public DateTimeOffset At { get; set; }
}

internal sealed class WebhookEndpointConfiguration : IEntityTypeConfiguration<WebhookEndpoint>
{
    public void Configure(EntityTypeBuilder<WebhookEndpoint> b)
    {
        b.Property(w => w.Url).HasMaxLength(2000);
        b.Property(w => w.Secret).HasMaxLength(100);
        b.HasIndex(w => w.PlatformId);
        b.HasOne<Platform>().WithMany().HasForeignKey(w => w.PlatformId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> b)
    {
        b.Property(w => w.Event).HasMaxLength(40);
        b.Property(w => w.Error).HasMaxLength(1000);
        b.HasIndex(w => new { w.DecisionId, w.Id });
        b.HasOne<WebhookEndpoint>().WithMany().HasForeignKey(w => w.EndpointId).OnDelete(DeleteBehavior.Restrict);
    }
}
