using System.Security.Cryptography;
using System.Text.Json;

namespace Candor.Infrastructure;

public static class ContentHash
{
    /// <summary>SHA-256 of the record as Candor serialises it: equal input, equal hash.</summary>
    public static string Of<T>(T value) => OfJson(JsonSerializer.SerializeToUtf8Bytes(value, CandorJson.Output));

    /// <summary>The same hash, from the record already serialised with <see cref="CandorJson.Output"/>.</summary>
    public static string OfJson(ReadOnlySpan<byte> json) => Convert.ToHexStringLower(SHA256.HashData(json));
}
