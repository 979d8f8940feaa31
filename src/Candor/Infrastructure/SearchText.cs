using System.Globalization;
using System.Text;

namespace Candor.Infrastructure;

/// <summary>
/// Folds text for search: lowercase, accents removed, runs of white space collapsed. Stored beside the
/// original and applied to queries, so one plain substring match behaves alike on SQLite and PostgreSQL.
/// </summary>
public static class SearchText
{
    public static string Fold(params ReadOnlySpan<string?> parts)
    {
        var builder = new StringBuilder();
        foreach (var part in parts)
        {
            if (string.IsNullOrWhiteSpace(part)) continue;
            if (builder.Length > 0) builder.Append(' ');
            AppendFolded(builder, part);
        }
        return builder.ToString();
    }

    private static void AppendFolded(StringBuilder builder, string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var lastWasSpace = false;
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                if (!lastWasSpace) builder.Append(' ');
                lastWasSpace = true;
                continue;
            }
            builder.Append(char.ToLowerInvariant(c));
            lastWasSpace = false;
        }
    }
}
