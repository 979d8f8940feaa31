using Candor.Features.Screening.Lists;

namespace Candor.Features.Screening.Matching;

/// <summary>Builds the lookup structures of a <see cref="ScreeningIndex"/>; the keys it writes are the keys <see cref="CandidateSearch"/> reads.</summary>
internal static class IndexBuilder
{
    public static ScreeningIndex Build(ListEntry[] entries, ScreeningIndex.IndexedName[] names, TokenWeights weights)
    {
        var vocabularyIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var isWord = new List<bool>();
        var postings = new List<List<int>>();
        var acronyms = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var n = 0; n < names.Length; n++)
        {
            var tokens = names[n].Weighted.Tokens;
            foreach (var (term, word) in Terms(tokens))
            {
                if (!vocabularyIds.TryGetValue(term, out var id))
                {
                    vocabularyIds[term] = id = postings.Count;
                    postings.Add([]);
                    isWord.Add(word);
                }
                isWord[id] |= word;
                var list = postings[id];
                if (list.Count == 0 || list[^1] != n) list.Add(n);
            }
            if (CandidateKeys.Initials(tokens) is { } initials)
                (acronyms.TryGetValue(initials, out var a) ? a : acronyms[initials] = []).Add(n);
        }
        foreach (var name in names)
            name.Vocabulary = [.. name.Weighted.Tokens.Select(t => t.Role == TokenRole.Word ? vocabularyIds[t.Text] : -1)];
        var vocabulary = new string[vocabularyIds.Count];
        foreach (var (term, id) in vocabularyIds) vocabulary[id] = term;
        var pairKeys = new List<ulong>(vocabulary.Length * 8);
        var pairIds = new List<int>(vocabulary.Length * 8);
        var keys = new List<ulong>(64);
        for (var id = 0; id < vocabulary.Length; id++)
        {
            keys.Clear();
            // Joined neighbours are found exactly only; edits and sounds apply to real words.
            if (isWord[id]) CandidateKeys.ForWord(vocabulary[id], keys);
            else keys.Add(CandidateKeys.Exact(vocabulary[id]));
            foreach (var key in keys)
            {
                pairKeys.Add(key);
                pairIds.Add(id);
            }
        }
        return ScreeningIndex.Create(
            entries, names, vocabulary, [.. postings.Select(p => p.ToArray())], KeyTable.Build(pairKeys, pairIds),
            acronyms.ToDictionary(k => k.Key, k => k.Value.ToArray(), StringComparer.Ordinal), weights);
    }

    // Words and numbers, and each pair of neighbouring words joined, so that "al qaida" is found from "alqaida".
    private static IEnumerable<(string Term, bool Word)> Terms(NameToken[] tokens)
    {
        for (var i = 0; i < tokens.Length; i++)
        {
            if (tokens[i].Role is TokenRole.Word or TokenRole.Number) yield return (tokens[i].Text, tokens[i].Role == TokenRole.Word);
            if (i + 1 < tokens.Length && tokens[i].Role == TokenRole.Word && tokens[i + 1].Role == TokenRole.Word)
                yield return (tokens[i].Text + tokens[i + 1].Text, false);
        }
    }
}
