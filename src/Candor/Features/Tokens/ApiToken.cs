namespace Candor.Features.Tokens;

/// <summary>A platform's API credential. Only the SHA-256 of the secret is stored.</summary>
public sealed class ApiToken
{
    public long Id { get; set; }
    public long PlatformId { get; set; }
    public required string Name { get; set; }
    /// <summary>Lowercase hex SHA-256 of the whole token string.</summary>
    public required string Hash { get; set; }
    /// <summary>The first characters of the token, safe to show so people can tell tokens apart.</summary>
    public required string Prefix { get; set; }
    public required string Scopes { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    /// <summary>The client address of the call that last moved <see cref="LastUsedAt"/>.</summary>
    public string? LastUsedFrom { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
