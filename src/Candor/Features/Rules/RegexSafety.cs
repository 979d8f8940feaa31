using System.Text.RegularExpressions;

namespace Candor.Features.Rules;

/// <summary>
/// Builds the regex of a <c>text_matches</c> rule. Patterns with nested unbounded quantifiers (<c>(a+)+</c>,
/// <c>(\w*\s?)*</c>) are refused outright: they are the shape of catastrophic backtracking and a policy author almost
/// never means them. Everything else runs on the non-backtracking engine (linear time); patterns it cannot run
/// (backreferences, lookarounds) fall back to the backtracking engine, still with the match timeout.
/// </summary>
public static class RegexSafety
{
    // Generous on purpose: patterns are already linear-time or refused, and a busy machine (or the engine building its
    // automaton on first use) must not turn a real match into a silent "no match".
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(250);
    public const int MaxPatternLength = 1_000;

    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    /// <summary>The compiled regex, or the reason the pattern is refused.</summary>
    public static (Regex? Regex, string? Problem) Build(string pattern)
    {
        if (pattern.Length > MaxPatternLength) return (null, $"the pattern is longer than {MaxPatternLength} characters");
        if (NestedQuantifier(pattern) is { } at)
            return (null, $"the pattern nests an unbounded quantifier inside another at position {at} (catastrophic backtracking)");
        try
        {
            var regex = new Regex(pattern, Options | RegexOptions.NonBacktracking, MatchTimeout);
            regex.IsMatch("warm up"); // builds the automaton at import, not during the first evaluation
            return (regex, null);
        }
        catch (NotSupportedException)
        {
            return TryBacktracking(pattern);
        }
        catch (ArgumentException ex)
        {
            return (null, $"not a valid regular expression: {ex.Message}");
        }
    }

    private static (Regex?, string?) TryBacktracking(string pattern)
    {
        try
        {
            return (new Regex(pattern, Options, MatchTimeout), null);
        }
        catch (ArgumentException ex)
        {
            return (null, $"not a valid regular expression: {ex.Message}");
        }
    }

    /// <summary>The position of a group that holds an unbounded quantifier and is itself quantified without bound, or null.</summary>
    public static int? NestedQuantifier(string pattern)
    {
        var groups = new Stack<bool>(); // per open group: does it contain an unbounded quantifier?
        var lastGroupHadQuantifier = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            var afterGroup = lastGroupHadQuantifier;
            lastGroupHadQuantifier = false;
            switch (c)
            {
                case '\\':
                    i++;
                    break;
                case '[':
                    i = EndOfClass(pattern, i);
                    break;
                case '(':
                    groups.Push(false);
                    break;
                case ')':
                    lastGroupHadQuantifier = groups.Count > 0 && groups.Pop();
                    break;
                default:
                    if (UnboundedAt(pattern, i) is { } length)
                    {
                        if (afterGroup) return i;
                        if (groups.Count > 0) { groups.Pop(); groups.Push(true); }
                        // A quantified group's content counts for its parent too.
                        i += length - 1;
                    }
                    break;
            }
            if (c == ')' && lastGroupHadQuantifier && groups.Count > 0) { groups.Pop(); groups.Push(true); }
        }
        return null;
    }

    private static int EndOfClass(string pattern, int open)
    {
        for (var i = open + 1; i < pattern.Length; i++)
        {
            if (pattern[i] == '\\') i++;
            else if (pattern[i] == ']' && i > open + 1) return i;
        }
        return pattern.Length;
    }

    /// <summary>The length of an unbounded quantifier (<c>*</c>, <c>+</c>, <c>{n,}</c>, <c>{n,m}</c> with m &gt; 10) at i, or null.</summary>
    private static int? UnboundedAt(string pattern, int i)
    {
        if (pattern[i] is '*' or '+') return 1;
        if (pattern[i] != '{') return null;
        var close = pattern.IndexOf('}', i);
        if (close < 0) return null;
        var body = pattern[(i + 1)..close].Split(',');
        if (body.Length != 2) return null;
        if (body[1].Length == 0) return close - i + 1;
        return int.TryParse(body[1], System.Globalization.CultureInfo.InvariantCulture, out var max) && max > 10 ? close - i + 1 : null;
    }
}
