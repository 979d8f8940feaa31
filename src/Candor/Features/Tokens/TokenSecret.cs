using System.Security.Cryptography;
using System.Text;

namespace Candor.Features.Tokens;

/// <summary>Makes API token strings and the hashes Candor stores instead of them.</summary>
public static class TokenSecret
{
    private const string Marker = "cnd_";

    /// <summary>32 random bytes (256 bits), base64url: unguessable, so a fast hash is the right one to store.</summary>
    public static string New() => Marker + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static string PrefixOf(string token) => token[..Math.Min(token.Length, 10)];

    /// <summary>Cheap shape check before any database read, so junk never costs a query.</summary>
    public static bool LooksValid(string token) =>
        token.Length is > 10 and < 200 && token.StartsWith(Marker, StringComparison.Ordinal)
        && token.AsSpan(Marker.Length).IndexOfAnyExcept(Base64UrlAlphabet) < 0;

    private static readonly System.Buffers.SearchValues<char> Base64UrlAlphabet =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
