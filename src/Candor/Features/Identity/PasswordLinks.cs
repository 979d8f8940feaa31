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

    private static string _listenBase = "http://127.0.0.1:5080";

    /// <summary>The absolute URL of a path for links sent out of band (email, log): CANDOR_PUBLIC_URL, else where serve listens.</summary>
    public static string PublicUrl(string path) =>
        (Environment.GetEnvironmentVariable("CANDOR_PUBLIC_URL") ?? _listenBase).TrimEnd('/') + path;

    /// <summary>
    /// Remembers the first address <c>serve --urls</c> listens on, so a link printed or mailed without CANDOR_PUBLIC_URL
    /// points at this server rather than the default port. Wildcard hosts become 127.0.0.1; port 0 (tests) is ignored.
    /// </summary>
    public static void UseListenAddress(string urls)
    {
        var first = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (first is null) return;
        var normalised = first.Replace("://+", "://127.0.0.1", StringComparison.Ordinal).Replace("://*", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal).Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal);
        if (Uri.TryCreate(normalised, UriKind.Absolute, out var uri) && uri.Port > 0) _listenBase = uri.GetLeftPart(UriPartial.Authority);
    }
}
