namespace Candor.Features.Rules;

/// <summary>
/// Finds any of a list of terms in folded text, whole words only. Terms are folded and cut into words like the text;
/// a lookup from a term's first word to the terms starting with it makes the cost follow the text's length, not the
/// list's. Terms with no word break (CJK, Thai) are matched as substrings of the folded text.
/// </summary>
public sealed class TermMatcher
{
    private readonly Dictionary<string, string[][]> _byFirstWord;
    private readonly Dictionary<string, string[][]>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly string[] _substrings;

    public TermMatcher(IEnumerable<string> terms)
    {
        var phrases = new Dictionary<string, List<string[]>>(StringComparer.Ordinal);
        var substrings = new List<string>();
        foreach (var term in terms)
        {
            var folded = FoldedText.Of(term);
            if (folded.Words.Length == 0) continue;
            if (NeedsSubstringMatch(folded.Text)) { substrings.Add(folded.Text); continue; }
            var words = folded.Words.Select(w => folded.Text.Substring(w.Start, w.Length)).ToArray();
            if (!phrases.TryGetValue(words[0], out var list)) phrases[words[0]] = list = [];
            list.Add(words);
        }
        _byFirstWord = phrases.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        _lookup = _byFirstWord.GetAlternateLookup<ReadOnlySpan<char>>();
        _substrings = [.. substrings];
    }

    public bool Any(FoldedText text)
    {
        for (var i = 0; i < text.Words.Length; i++)
            if (_lookup.TryGetValue(text.Word(i), out var candidates))
                foreach (var phrase in candidates)
                    if (PhraseAt(text, i, phrase)) return true;
        foreach (var s in _substrings)
            if (text.Text.Contains(s, StringComparison.Ordinal)) return true;
        return false;
    }

    /// <summary>Every term found, as it appears in the folded text, in order of appearance.</summary>
    public List<string> Matches(FoldedText text)
    {
        var found = new List<string>();
        for (var i = 0; i < text.Words.Length; i++)
            if (_lookup.TryGetValue(text.Word(i), out var candidates))
                foreach (var phrase in candidates)
                    if (PhraseAt(text, i, phrase))
                    {
                        var end = text.Words[i + phrase.Length - 1];
                        found.Add(text.Text[text.Words[i].Start..(end.Start + end.Length)]);
                    }
        foreach (var s in _substrings)
            if (text.Text.Contains(s, StringComparison.Ordinal)) found.Add(s);
        return found;
    }

    private static bool PhraseAt(FoldedText text, int start, string[] phrase)
    {
        if (start + phrase.Length > text.Words.Length) return false;
        for (var k = 1; k < phrase.Length; k++)
            if (!text.Word(start + k).SequenceEqual(phrase[k])) return false;
        return true;
    }

    private static bool NeedsSubstringMatch(string folded) =>
        folded.Any(c => c is >= '\u3040' and <= '\u9FFF' or >= '\uAC00' and <= '\uD7AF' or >= '\u0E00' and <= '\u0E7F');
}
