using System.Security.Cryptography;
using System.Text.Json;

namespace Candor.Infrastructure;

public static class ContentHash
{
    /// <summary>SHA-256 of the record as Candor serialises it: equal input, equal hash.</summary>
    public static string Of<T>(T value) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(value, CandorJson.Output)));
}
