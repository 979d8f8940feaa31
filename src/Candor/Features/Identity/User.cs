namespace Candor.Features.Identity;

/// <summary>A person who signs in to the console: platform staff, or an advertiser's contact.</summary>
public sealed class User
{
    public long Id { get; set; }
    /// <summary>Lowercased and trimmed; unique.</summary>
    public required string Email { get; set; }
    /// <summary>ASP.NET Core Identity's PBKDF2 hash; null until the person sets a password.</summary>
    public string? PasswordHash { get; set; }
    /// <summary>Changes whenever the password changes or the account is disabled, which ends every open session.</summary>
    public required string SecurityStamp { get; set; }
    /// <summary>SHA-256 of the one-time link token that lets the person set a password.</summary>
    public string? PasswordLinkHash { get; set; }
    public DateTimeOffset? PasswordLinkExpiresAt { get; set; }
    public int FailedSignIns { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DisabledAt { get; set; }
    /// <summary>The OpenID Connect issuer and subject this account was linked to at its first IdP sign-in; later sign-ins match on them.</summary>
    public string? OidcIssuer { get; set; }
    public string? OidcSubject { get; set; }
}

/// <summary>One role a person holds, for one platform (and, for advertisers, one advertiser account) or the whole instance.</summary>
public sealed class RoleAssignment
{
    public long Id { get; set; }
    public long UserId { get; set; }
    public required string Role { get; set; }
    public long? PlatformId { get; set; }
    public long? AdvertiserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
