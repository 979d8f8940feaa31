namespace Candor.Features.Rules;

/// <summary>
/// Finds any of a list of terms in folded text, whole words only. Terms are folded and cut into words like the text,
/// and their words numbered in the <see cref="TermVocabulary"/>; a lookup from a term's first word number to the terms
/// starting with it makes the cost follow the text's length, not the list's, and compares integers, not strings.
/// Terms with no word break (CJK, Thai) are matched as substrings of the folded text.
/// </summary>
public sealed class TermMatcher
{
    private readonly Dictionary<int, int[][]> _byFirstWord;
    private readonly ulong[] _isFirstWord; // bit per vocabulary number: most words of a text start none of this list's terms
    private readonly string[] _substrings;
    private readonly int _version;

    public TermMatcher(IEnumerable<string> terms)
    {
        var phrases = new Dictionary<int, List<int[]>>();
        var substrings = new List<string>();
        foreach (var term in terms)
        {
            var folded = FoldedText.Of(term);
            if (folded.Words.Length == 0) continue;
            if (NeedsSubstringMatch(folded.Text)) { substrings.Add(folded.Text); continue; }
            var words = folded.Words.Select(w => TermVocabulary.Add(folded.Text.Substring(w.Start, w.Length))).ToArray();
            if (!phrases.TryGetValue(words[0], out var list)) phrases[words[0]] = list = [];
            list.Add(words);
        }
        _byFirstWord = phrases.ToDictionary(p => p.Key, p => p.Value.ToArray());
        _isFirstWord = new ulong[(phrases.Count == 0 ? 0 : phrases.Keys.Max() / 64) + 1];
        foreach (var id in phrases.Keys) _isFirstWord[id / 64] |= 1UL << (id % 64);
        _substrings = [.. substrings];
        _version = TermVocabulary.Version;
    }

    public bool Any(FoldedText text)
    {
        var ids = text.WordIds(_version);
        for (var i = 0; i < ids.Length; i++)
            if (StartsATerm(ids[i]) && _byFirstWord.TryGetValue(ids[i], out var candidates))
                foreach (var phrase in candidates)
                    if (PhraseAt(ids, i, phrase)) return true;
        foreach (var s in _substrings)
            if (text.Text.Contains(s, StringComparison.Ordinal)) return true;
        return false;
    }

    /// <summary>Every term found, as it appears in the folded text, in order of appearance.</summary>
    public List<string> Matches(FoldedText text)
    {
        var found = new List<string>();
        var ids = text.WordIds(_version);
        for (var i = 0; i < ids.Length; i++)
            if (StartsATerm(ids[i]) && _byFirstWord.TryGetValue(ids[i], out var candidates))
                foreach (var phrase in candidates)
                    if (PhraseAt(ids, i, phrase))
                    {
                        var end = text.Words[i + phrase.Length - 1];
                        found.Add(text.Text[text.Words[i].Start..(end.Start + end.Length)]);
                    }
        foreach (var s in _substrings)
            if (text.Text.Contains(s, StringComparison.Ordinal)) found.Add(s);
        return found;
    }

    private bool StartsATerm(int id) => id >= 0 && id / 64 < _isFirstWord.Length && (_isFirstWord[id / 64] & (1UL << (id % 64))) != 0;

    private static bool PhraseAt(int[] ids, int start, int[] phrase)
    {
        if (start + phrase.Length > ids.Length) return false;
        for (var k = 1; k < phrase.Length; k++)
            if (ids[start + k] != phrase[k]) return false;
        return true;
    }

    private static bool NeedsSubstringMatch(string folded) =>
        folded.Any(c => c is >= '\u3040' and <= '\u9FFF' or >= '\uAC00' and <= '\uD7AF' or >= '\u0E00' and <= '\u0E7F');
}
