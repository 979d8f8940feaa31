namespace Candor.Features.Identity;

/// <summary>The one shape check for email addresses: trimmed, lowercased, one @ with text on both sides, no spaces.</summary>
public static class EmailAddress
{
    public static bool TryNormalise(string? email, out string normalised)
    {
        normalised = (email ?? "").Trim().ToLowerInvariant();
        var at = normalised.IndexOf('@', StringComparison.Ordinal);
        return normalised.Length is >= 3 and <= 320 && at >= 1 && at < normalised.Length - 1
            && at == normalised.LastIndexOf('@') && !normalised.Any(c => char.IsWhiteSpace(c) || char.IsControl(c));
    }
}
