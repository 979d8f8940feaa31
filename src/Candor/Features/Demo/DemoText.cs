using System.Text;
using Candor.Features.Ads;

namespace Candor.Features.Demo;

/// <summary>Makes source text fit a field: blank is null, stray control characters go, over-long text is cut with "…".</summary>
public static class DemoText
{
    public static string? Fit(string? text, int maxCharacters)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var cleaned = text.Any(IsStrayControl) ? new string(text.Where(c => !IsStrayControl(c)).ToArray()) : text;
        cleaned = cleaned.Trim();
        if (cleaned.Length == 0) return null;
        // Characters are Unicode scalar values, as the validators count them; a cut never splits a surrogate pair.
        if (cleaned.Length <= maxCharacters) return cleaned;
        var runes = cleaned.EnumerateRunes().Take(maxCharacters + 1).ToList();
        if (runes.Count <= maxCharacters) return cleaned;
        var builder = new StringBuilder();
        foreach (var rune in runes.Take(maxCharacters - 1)) builder.Append(rune.ToString());
        return builder.ToString().TrimEnd() + "…";
    }

    public static string? Name(string? text) => Fit(text, AdLimits.Name);

    private static bool IsStrayControl(char c) => char.IsControl(c) && c is not '\n' and not '\r' and not '\t';
}
