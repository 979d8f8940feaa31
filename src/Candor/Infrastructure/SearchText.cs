using System.Buffers;
using System.Globalization;
using System.Text;

namespace Candor.Infrastructure;

/// <summary>
/// Folds text for search: lowercase, accents removed, runs of white space collapsed. Stored beside the
/// original and applied to queries, so one plain substring match behaves alike on SQLite and PostgreSQL.
/// </summary>
public static class SearchText
{
    // The folded form of each non-ASCII BMP character, computed on first sight. Decomposing a character allocates;
    // text in accented languages repeats the same few characters, and every ingested ad and every rule evaluation
    // folds its text, so the answer is kept (at most 64k small strings, most never filled).
    private static readonly string?[] FoldedChars = new string?[char.MaxValue + 1];

    public static string Fold(params ReadOnlySpan<string?> parts)
    {
        var capacity = 0;
        foreach (var part in parts)
            if (part is not null) capacity += part.Length + 1;
        // A character folds to at most a few (its decomposition without marks); four per character is a safe bound.
        var buffer = ArrayPool<char>.Shared.Rent(Math.Max(16, capacity * 4));
        try
        {
            var length = 0;
            foreach (var part in parts)
            {
                if (string.IsNullOrWhiteSpace(part)) continue;
                if (length > 0) buffer[length++] = ' ';
                length = AppendFolded(buffer, length, part);
            }
            return new string(buffer, 0, length);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    private static int AppendFolded(char[] buffer, int length, string text)
    {
        // Character by character: ASCII (most ad text) goes straight through; only other letters are decomposed to
        // drop their accents.
        var lastWasSpace = false;
        foreach (var c in text)
        {
            if (c <= 0x7F)
            {
                if (c is ' ' or (>= '\t' and <= '\r') || c < 0x20 || c == 0x7F)
                {
                    if (!lastWasSpace) buffer[length++] = ' ';
                    lastWasSpace = true;
                    continue;
                }
                lastWasSpace = false;
                buffer[length++] = c is >= 'A' and <= 'Z' ? (char)(c | 0x20) : c;
                continue;
            }
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                if (!lastWasSpace) buffer[length++] = ' ';
                lastWasSpace = true;
                continue;
            }
            lastWasSpace = false;
            if (char.IsSurrogate(c))
            {
                buffer[length++] = c;
                continue;
            }
            var folded = FoldedChars[c] ??= WithoutMarks(c);
            folded.CopyTo(buffer.AsSpan(length));
            length += folded.Length;
        }
        return length;
    }

    private static string WithoutMarks(char c)
    {
        // Noncharacters (U+FDD0-U+FDEF, U+FFFE, U+FFFF) cannot be normalised: they are kept as they are rather than
        // failing the whole text (an ad carrying one used to fail its ingestion here).
        string decomposed;
        try
        {
            decomposed = c.ToString().Normalize(NormalizationForm.FormD);
        }
        catch (ArgumentException)
        {
            return char.ToLowerInvariant(c).ToString();
        }
        var builder = new StringBuilder(4);
        foreach (var part in decomposed)
            if (CharUnicodeInfo.GetUnicodeCategory(part) != UnicodeCategory.NonSpacingMark) builder.Append(char.ToLowerInvariant(part));
        return builder.ToString();
    }
}
