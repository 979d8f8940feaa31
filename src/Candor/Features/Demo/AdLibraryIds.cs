using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Candor.Features.Demo;

/// <summary>Ids from ad-library exports: ad ids Excel rounded to scientific notation, and stable advertiser ids.</summary>
public static class AdLibraryIds
{
    /// <summary>
    /// The full ad id from the Ad Library link (`…/ads/library/?id=975733956964675`), when the exported `ad_id`
    /// (`9.75734E+14`, rounded by Excel to 6 digits) agrees with it. Null when the link has no id — the malformed
    /// records — or the two disagree.
    /// </summary>
    public static string? Recover(string? exportedId, string? snapshotUrl)
    {
        var fromUrl = IdInUrl(snapshotUrl);
        if (fromUrl is null || string.IsNullOrWhiteSpace(exportedId)) return null;
        if (!double.TryParse(exportedId.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var rounded) || rounded <= 0)
            return null;
        var full = double.Parse(fromUrl, CultureInfo.InvariantCulture);
        // Six significant digits are exact to 5 parts in a million; allow twice that.
        return Math.Abs(full - rounded) <= rounded * 1e-5 ? fromUrl : null;
    }

    public static string? IdInUrl(string? url)
    {
        if (url is null || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)) return null;
        foreach (var pair in uri.Query.TrimStart('?').Split('&'))
        {
            var value = pair.StartsWith("id=", StringComparison.Ordinal) ? pair[3..] : null;
            if (value is { Length: > 0 } && value.All(char.IsAsciiDigit)) return value;
        }
        return null;
    }

    /// <summary>
    /// A stable advertiser id within one source: the page id when it survived in full, otherwise a slug of the page
    /// name plus a hash of it (the export rounded most page ids, and the full id cannot be recovered).
    /// </summary>
    public static string Advertiser(string source, string? pageId, string pageName)
    {
        var id = pageId?.Trim();
        if (id is { Length: > 0 } && id.All(char.IsAsciiDigit)) return $"{source}-page-{id}";
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(pageName.Trim())))[..8];
        var slug = Slug(pageName);
        return slug.Length == 0 ? $"{source}-name-{hash}" : $"{source}-name-{slug}-{hash}";
    }

    private static string Slug(string name)
    {
        var builder = new StringBuilder();
        foreach (var c in name.Normalize(NormalizationForm.FormD).ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c)) builder.Append(c);
            else if (builder.Length > 0 && builder[^1] != '-') builder.Append('-');
            if (builder.Length >= 40) break;
        }
        return builder.ToString().Trim('-');
    }
}
