using System.Collections.Frozen;
using Candor.Features.Screening.Lists;

namespace Candor.Features.Screening.Matching;

/// <summary>Builds the lookup structures of a <see cref="ScreeningIndex"/>; the keys it writes are the keys <see cref="CandidateKeys"/> reads.</summary>
internal static class IndexBuilder
{
    public static ScreeningIndex Build(ListEntry[] entries, ScreeningIndex.IndexedName[] names, TokenWeights weights)
    {
        var vocabularyIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var postings = new List<List<int>>();
        var acronyms = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var n = 0; n < names.Length; n++)
        {
            var tokens = names[n].Weighted.Tokens;
            foreach (var term in Terms(tokens))
            {
                if (!vocabularyIds.TryGetValue(term, out var id))
                {
                    vocabularyIds[term] = id = postings.Count;
                    postings.Add([]);
                }
                var list = postings[id];
                if (list.Count == 0 || list[^1] != n) list.Add(n);
            }
            if (CandidateKeys.Initials(tokens) is { } initials)
                (acronyms.TryGetValue(initials, out var a) ? a : acronyms[initials] = []).Add(n);
        }
        var vocabulary = new string[vocabularyIds.Count];
        foreach (var (term, id) in vocabularyIds) vocabulary[id] = term;
        var keys = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var id = 0; id < vocabulary.Length; id++)
            foreach (var key in CandidateKeys.For(vocabulary[id]))
            {
                var list = keys.TryGetValue(key, out var l) ? l : keys[key] = [];
                if (list.Count == 0 || list[^1] != id) list.Add(id);
            }
        return ScreeningIndex.Create(
            entries, names, vocabulary, [.. postings.Select(p => p.ToArray())],
            keys.ToFrozenDictionary(k => k.Key, k => k.Value.ToArray(), StringComparer.Ordinal),
            acronyms.ToFrozenDictionary(k => k.Key, k => k.Value.ToArray(), StringComparer.Ordinal),
            weights);
    }

    // Words and numbers, and each pair of neighbouring words joined, so that "al qaida" is found from "alqaida".
    private static IEnumerable<string> Terms(NameToken[] tokens)
    {
        for (var i = 0; i < tokens.Length; i++)
        {
            if (tokens[i].Role is TokenRole.Word or TokenRole.Number) yield return tokens[i].Text;
            if (i + 1 < tokens.Length && tokens[i].Role == TokenRole.Word && tokens[i + 1].Role == TokenRole.Word)
                yield return tokens[i].Text + tokens[i + 1].Text;
        }
    }
}
