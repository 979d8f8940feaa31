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
        // Character by character: ASCII (most ad text) goes straight through; only other letters are decomposed to
        // drop their accents. Decomposing whole strings cost a measurable share of ingestion (bench `stages`).
        var lastWasSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                if (!lastWasSpace) builder.Append(' ');
                lastWasSpace = true;
                continue;
            }
            lastWasSpace = false;
            if (c <= 0x7F) builder.Append(char.ToLowerInvariant(c));
            else if (char.IsSurrogate(c)) builder.Append(c);
            else AppendWithoutMarks(builder, c);
        }
    }

    private static void AppendWithoutMarks(StringBuilder builder, char c)
    {
        var decomposed = c.ToString().Normalize(NormalizationForm.FormD);
        foreach (var part in decomposed)
            if (CharUnicodeInfo.GetUnicodeCategory(part) != UnicodeCategory.NonSpacingMark) builder.Append(char.ToLowerInvariant(part));
    }
}
