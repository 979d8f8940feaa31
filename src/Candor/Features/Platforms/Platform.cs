namespace Candor.Features.Platforms;

/// <summary>An ad-selling platform that uses Candor; every private record belongs to one.</summary>
public sealed class Platform
{
    public long Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
