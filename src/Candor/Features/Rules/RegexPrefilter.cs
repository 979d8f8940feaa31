using System.Text;

namespace Candor.Features.Rules;

/// <summary>
/// Finds a literal that every match of a <c>text_matches</c> pattern must contain, so that text without it skips the
/// regex engine. Most ads contain none of a rule's required literals (a "%" next to a rate, "lose" before a weight), and
/// a pattern that starts with a class such as <c>\d{2,4}</c> makes the non-backtracking engine examine every position
/// of the text: a vectorised search for the literal costs a fraction of that.
/// <para>
/// The analysis is deliberately small and conservative: it reads only the pattern's top-level sequence (groups and
/// classes are opaque), gives up on alternation at the top, inline options and constructs (<c>(?</c>), class
/// subtraction and escapes it does not know, and keeps only characters for which an ordinal case-insensitive search
/// finds exactly what the regex's case-insensitive matching finds. "No literal" just means the regex always runs.
/// </para>
/// </summary>
public static class RegexPrefilter
{
    /// <summary>The longest literal every match must contain (compare with <see cref="StringComparison.OrdinalIgnoreCase"/>), or null.</summary>
    public static string? RequiredLiteral(string pattern)
    {
        // "(?" brings inline options (x makes spaces meaningless), lookarounds and conditionals; "-[" class subtraction,
        // whose nested brackets the class skipper below does not follow.
        if (pattern.Contains("(?", StringComparison.Ordinal) || pattern.Contains("-[", StringComparison.Ordinal)) return null;
        var best = "";
        var run = new StringBuilder();
        void Flush()
        {
            if (run.Length > best.Length) best = run.ToString();
            run.Clear();
        }

        var i = 0;
        while (i < pattern.Length)
        {
            char? literal = null;
            switch (pattern[i])
            {
                case '|' or ')' or '*' or '+' or '?' or '{':
                    return null; // alternation at the top, or a character .NET reads as a literal only in odd positions
                case '(':
                    i = EndOfGroup(pattern, i);
                    if (i < 0) return null;
                    i++;
                    break;
                case '[':
                    i = EndOfClass(pattern, i);
                    if (i < 0) return null;
                    i++;
                    break;
                case '\\':
                    if (i + 1 >= pattern.Length) return null;
                    var escaped = pattern[i + 1];
                    if (char.IsAsciiLetterOrDigit(escaped))
                    {
                        // Classes and anchors only: escapes that take arguments (\x41, \p{L}, \k<n>, \1) could be read wrong.
                        if (!"dDwWsSbBAzZG".Contains(escaped, StringComparison.Ordinal)) return null;
                    }
                    else if (escaped < 128) literal = escaped;
                    i += 2;
                    break;
                case '.' or '^' or '$':
                    i++;
                    break;
                default:
                    literal = pattern[i];
                    i++;
                    break;
            }

            var minimum = Quantifier(pattern, ref i, out var quantified);
            if (minimum < 0) return null;
            if (literal is { } c && Searchable(c) && minimum >= 1)
            {
                run.Append(c);
                if (quantified) Flush(); // repeated: what follows is adjacent to the last copy, not to this run
            }
            else Flush();
        }
        Flush();
        return best.Length == 0 ? null : best;
    }

    /// <summary>
    /// Characters an ordinal case-insensitive search finds exactly as the regex's case-insensitive (invariant) matching
    /// does. Printable ASCII except K and k, which the regex also matches to the Kelvin sign (U+212A);
    /// <c>RegexPrefilterTests</c> checks the equivalence against every BMP character.
    /// </summary>
    public static bool Searchable(char c) => c is >= ' ' and <= '~' and not 'k' and not 'K';

    /// <summary>Consumes a quantifier at <paramref name="i"/>; its minimum count (1 when there is none), or -1 when malformed.</summary>
    private static int Quantifier(string pattern, ref int i, out bool quantified)
    {
        quantified = false;
        if (i >= pattern.Length) return 1;
        int minimum;
        switch (pattern[i])
        {
            case '*' or '?':
                minimum = 0;
                i++;
                break;
            case '+':
                minimum = 1;
                i++;
                break;
            case '{':
                var close = pattern.IndexOf('}', i);
                if (close < 0) return -1;
                // Anything but {n}, {n,} or {n,m} is literal text to .NET ("a{2,x}"): give up rather than guess.
                var bounds = pattern[(i + 1)..close].Split(',');
                if (bounds.Length > 2 || !int.TryParse(bounds[0], System.Globalization.CultureInfo.InvariantCulture, out minimum)
                    || (bounds.Length == 2 && bounds[1].Length > 0 && !bounds[1].All(char.IsAsciiDigit))) return -1;
                i = close + 1;
                break;
            default:
                return 1;
        }
        if (i < pattern.Length && pattern[i] == '?') i++; // lazy: the same characters, found differently
        quantified = true;
        return minimum;
    }

    private static int EndOfGroup(string pattern, int open)
    {
        var depth = 0;
        for (var i = open; i < pattern.Length; i++)
        {
            switch (pattern[i])
            {
                case '\\':
                    i++;
                    break;
                case '[':
                    i = EndOfClass(pattern, i);
                    if (i < 0) return -1;
                    break;
                case '(':
                    depth++;
                    break;
                case ')':
                    if (--depth == 0) return i;
                    break;
            }
        }
        return -1;
    }

    /// <summary>The index of the <c>]</c> closing the class opened at <paramref name="open"/> (a <c>]</c> first in the class is literal), or -1.</summary>
    private static int EndOfClass(string pattern, int open)
    {
        var i = open + 1;
        if (i < pattern.Length && pattern[i] == '^') i++;
        if (i < pattern.Length && pattern[i] == ']') i++;
        for (; i < pattern.Length; i++)
        {
            if (pattern[i] == '\\') i++;
            else if (pattern[i] == ']') return i;
        }
        return -1;
    }
}
