using System.Text.RegularExpressions;

namespace Candor.Features.Rules;

/// <summary><c>text_contains</c>: any term of a list appears, as whole words, in any of the fields.</summary>
public sealed class TextContainsNode(IReadOnlyList<RuleField> fieldList, string listName, TermMatcher terms) : RuleNode
{
    private readonly RuleField[] fields = [.. fieldList]; // an array: a foreach over the interface allocates an enumerator per test

    private readonly Dictionary<string, string> _inputs = new()
    {
        ["fields"] = string.Join(", ", fieldList.Select(RuleFields.Name)),
        ["list"] = listName,
    };

    public override bool Test(RuleInput input)
    {
        foreach (var field in fields)
            if (terms.Any(input.Text(field))) return true;
        return false;
    }

    public override Explanation Explain(RuleInput input)
    {
        var values = new List<string>();
        foreach (var field in fields)
            foreach (var match in terms.Matches(input.Text(field)))
                values.Add($"{RuleFields.Name(field)}: \"{match}\"");
        return Explanation.Leaf("text_contains", _inputs, values, values.Count > 0);
    }
}

/// <summary><c>text_matches</c>: a regular expression, run by the non-backtracking engine with a time limit, on the raw fields.</summary>
public sealed class TextMatchesNode(IReadOnlyList<RuleField> fieldList, Regex regex) : RuleNode
{
    private readonly RuleField[] fields = [.. fieldList];

    // Text without this literal cannot match: the regex engine is skipped for it (most ads).
    private readonly (string? Literal, StringComparison Comparison) _required = Prefilter(regex);

    private readonly Dictionary<string, string> _inputs = new()
    {
        ["fields"] = string.Join(", ", fieldList.Select(RuleFields.Name)),
        ["pattern"] = regex.ToString(),
    };

    public override bool Test(RuleInput input)
    {
        foreach (var field in fields)
            if (input.Raw(field) is { } text && SafeIsMatch(text)) return true;
        return false;
    }

    public override Explanation Explain(RuleInput input)
    {
        var values = new List<string>();
        foreach (var field in fields)
        {
            if (input.Raw(field) is not { } text) continue;
            if (!MayMatch(text)) continue;
            try
            {
                var match = regex.Match(text);
                if (match.Success) values.Add($"{RuleFields.Name(field)}: \"{Shorten(match.Value)}\"");
            }
            catch (RegexMatchTimeoutException)
            {
                values.Add($"{RuleFields.Name(field)}: timed out, counted as no match");
            }
        }
        return Explanation.Leaf("text_matches", _inputs, values, values.Any(v => !v.EndsWith("no match", StringComparison.Ordinal)));
    }

    private static (string?, StringComparison) Prefilter(Regex regex)
    {
        var literal = (regex.Options & RegexOptions.IgnorePatternWhitespace) == 0 ? RegexPrefilter.RequiredLiteral(regex.ToString()) : null;
        // Without letters, case does not matter and the plain search is the fastest one.
        return (literal, literal is not null && literal.Any(char.IsAsciiLetter) ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
    }

    private bool MayMatch(string text) => _required.Literal is not { } literal || text.Contains(literal, _required.Comparison);

    private bool SafeIsMatch(string text)
    {
        if (!MayMatch(text)) return false;
        try
        {
            return regex.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static string Shorten(string value) => value.Length <= 200 ? value : value[..200] + "…";
}
