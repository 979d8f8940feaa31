using Candor.Features.Tokens;

namespace Candor.Features.Identity;

/// <summary>One-time links to set a password (new accounts, invitations, resets). Only the token's hash is stored.</summary>
public static class PasswordLinks
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    /// <summary>Gives the user a fresh link token (replacing any earlier one) and returns the path to open.</summary>
    public static string Issue(User user, TimeProvider clock)
    {
        var token = TokenSecret.New();
        user.PasswordLinkHash = TokenSecret.Hash(token);
        user.PasswordLinkExpiresAt = clock.GetUtcNow() + Lifetime;
        return "/console/set-password?token=" + Uri.EscapeDataString(token);
    }

    public static string PublicUrl(string path) =>
        (Environment.GetEnvironmentVariable("CANDOR_PUBLIC_URL") ?? "http://127.0.0.1:5080").TrimEnd('/') + path;
}
