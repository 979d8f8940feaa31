using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using AnyAscii;

namespace Candor.Features.Screening.Matching;

/// <summary>
/// Turns a name in any script into comparable Latin tokens: NFKC, controls and symbols (emoji) dropped, Latin,
/// Greek, Cyrillic, Arabic and Hebrew diacritics removed, then every non-ASCII token transliterated with AnyAscii.
/// </summary>
public static class NameText
{
    /// <summary>Longer names are cut: no real name is this long, and work per name must stay bounded.</summary>
    public const int MaxChars = 1000;
    public const int MaxTokens = 24;

    public static NameToken[] Tokenize(string? name) => Tokenize(name, asciiFastPath: true);

    /// <summary>The tokens of a name; <paramref name="asciiFastPath"/> is off only in the test that checks both paths agree.</summary>
    internal static NameToken[] Tokenize(string? name, bool asciiFastPath)
    {
        if (string.IsNullOrWhiteSpace(name)) return [];
        var words = asciiFastPath && Ascii.IsValid(name) ? AsciiWords(name) : Words(name);
        var tokens = LegalForms.Canonicalize(words);
        return tokens.Length > MaxTokens ? tokens[..MaxTokens] : tokens;
    }

    private static List<string> Words(string name)
    {
        var words = new List<string>();
        foreach (var raw in SplitWords(Clean(name)))
        {
            var latin = raw.All(char.IsAscii) ? raw : raw.Transliterate().ToLowerInvariant();
            // Transliteration can emit spaces or punctuation (CJK syllables, Cyrillic soft signs): split again.
            foreach (var part in SplitWords(latin)) words.Add(part);
            if (words.Count >= MaxTokens * 2) break;
        }
        return words;
    }

    // Most list names and queries are plain ASCII, for which the general path reduces to this: letters and digits in
    // lower case, apostrophes, dots, backticks and '?' joining, anything else splitting. One pass, one string per word
    // (the general path made about fifteen objects per name, most of the index build's garbage).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // every name of every list passes here during the first build
    private static List<string> AsciiWords(string name)
    {
        if (name.Length > MaxChars) name = name[..MaxChars];
        var words = new List<string>(8);
        Span<char> word = stackalloc char[name.Length];
        var length = 0;
        foreach (var c in name)
        {
            if (char.IsAsciiLetterOrDigit(c)) word[length++] = char.ToLowerInvariant(c);
            else if (c is '\'' or '`' or '.' or '?') continue;
            else if (length > 0)
            {
                words.Add(new string(word[..length]));
                length = 0;
                if (words.Count >= MaxTokens * 2) return words;
            }
        }
        if (length > 0) words.Add(new string(word[..length]));
        return words;
    }

    /// <summary>True when the text has a letter outside Latin script, e.g. an original-script name.</summary>
    public static bool HasNonLatinLetters(string text) => text.Any(c => char.IsLetter(c) && c >= '\u0250');

    private static string Clean(string name)
    {
        if (name.Length > MaxChars) name = name[..MaxChars];
        var safe = new StringBuilder(name.Length);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsHighSurrogate(c) && i + 1 < name.Length && char.IsLowSurrogate(name[i + 1])) { safe.Append(c).Append(name[++i]); continue; }
            if (char.IsSurrogate(c)) { safe.Append(' '); continue; } // a lone surrogate would make Normalize throw
            safe.Append(c);
        }
        // Most list names are plain ASCII, for which both normalisations are the identity: skip them (half the build time).
        var cleaned = safe.ToString();
        var decomposed = Ascii.IsValid(cleaned) ? cleaned : cleaned.Normalize(NormalizationForm.FormKC).Normalize(NormalizationForm.FormD);
        var text = new StringBuilder(decomposed.Length);
        for (var i = 0; i < decomposed.Length; i++)
        {
            var c = decomposed[i];
            if (char.IsSurrogate(c)) { text.Append(' '); continue; } // astral symbols: emoji and the like
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark && IsDroppableMark(c)) continue;
            if (char.IsLetterOrDigit(c) || category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark)
                text.Append(char.ToLowerInvariant(c));
            // Apostrophes, dots and '?' (characters lost upstream, as in the CSL) join: O'Brien, S.A., Fa?ur.
            else if (c is '\'' or '\u2019' or '\u2018' or '\u02BC' or '\u02BB' or '`' or '.' or '?') continue;
            else text.Append(' ');
        }
        var result = text.ToString();
        return Ascii.IsValid(result) ? result : result.Normalize(NormalizationForm.FormC);
    }

    // Accents on Latin, Greek and Cyrillic, and Arabic/Hebrew vowel points, are spelling variants; Indic vowel signs are not.
    private static bool IsDroppableMark(char c) =>
        c is >= '\u0300' and <= '\u036F' or >= '\u064B' and <= '\u065F' or '\u0670' or >= '\u0591' and <= '\u05C7';

    private static IEnumerable<string> SplitWords(string text) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(w => w.All(c => char.IsLetterOrDigit(c) || IsMark(c)) ? [w] : Fragments(w));

    private static bool IsMark(char c) =>
        CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;

    private static IEnumerable<string> Fragments(string word)
    {
        var part = new StringBuilder();
        foreach (var c in word)
        {
            if (char.IsLetterOrDigit(c) || IsMark(c)) part.Append(char.ToLowerInvariant(c));
            else if (c is '\'' or '.') continue;
            else if (part.Length > 0) { yield return part.ToString(); part.Clear(); }
        }
        if (part.Length > 0) yield return part.ToString();
    }
}
