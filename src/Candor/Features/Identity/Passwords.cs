using Microsoft.AspNetCore.Identity;

namespace Candor.Features.Identity;

/// <summary>Password rules and hashing: ASP.NET Core Identity's PBKDF2 hasher, never home-made crypto.</summary>
public static class Passwords
{
    public const int MinLength = 12;
    public const int MaxLength = 256;

    private static readonly PasswordHasher<User> Hasher = new();

    /// <summary>A hash of a password nobody has, verified against for unknown emails so timing reveals nothing.</summary>
    private static readonly string DummyHash = Hasher.HashPassword(null!, "candor-dummy-password-for-timing");

    public static string? Problem(string? password) => password switch
    {
        null or "" => "Choose a password.",
        { Length: < MinLength } => $"Use at least {MinLength} characters.",
        { Length: > MaxLength } => $"Use at most {MaxLength} characters.",
        _ when password.Any(char.IsControl) => "Control characters are not allowed.",
        _ => null,
    };

    public static string Hash(User user, string password) => Hasher.HashPassword(user, password);

    public static bool Verify(User? user, string password)
    {
        if (user?.PasswordHash is null)
        {
            Hasher.VerifyHashedPassword(null!, DummyHash, password);
            return false;
        }
        return Hasher.VerifyHashedPassword(user, user.PasswordHash, password) != PasswordVerificationResult.Failed;
    }

    public static string NewSecurityStamp() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
}
