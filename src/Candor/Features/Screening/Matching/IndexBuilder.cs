using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Candor.Features.Screening.Lists;

namespace Candor.Features.Screening.Matching;

/// <summary>
/// Builds the lookup structures of a <see cref="ScreeningIndex"/>; the keys it writes are the keys <see cref="CandidateSearch"/> reads.
/// Vocabulary ids are handed out in the order names and tokens are met, and every key's ids and every posting list
/// come out in ascending order: search results depend on those orders (ties), so they must not change.
/// </summary>
internal static class IndexBuilder
{
    // A joined pair longer than this is rare enough to take the allocating path.
    private const int JoinBuffer = 128;

    // Fully optimised from the first build (see ScreeningIndex.Build).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ScreeningIndex Build(ListEntry[] entries, ScreeningIndex.IndexedName[] names, TokenWeights weights)
    {
        var vocabularyIds = new Dictionary<string, int>(names.Length * 2, StringComparer.Ordinal);
        var byText = vocabularyIds.GetAlternateLookup<ReadOnlySpan<char>>();
        var vocabulary = new List<string>(names.Length * 2);
        var isWord = new List<bool>(names.Length * 2);
        var lastName = new List<int>(names.Length * 2);
        // (term, name) postings in the order met; names ascend, so a counting sort by term keeps each list ascending.
        var postingTerms = new List<int>(names.Length * 6);
        var postingNames = new List<int>(names.Length * 6);
        var acronyms = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        Span<char> joined = stackalloc char[JoinBuffer];
        for (var n = 0; n < names.Length; n++)
        {
            var tokens = names[n].Weighted.Tokens;
            var vocabularyOf = new int[tokens.Length];
            for (var i = 0; i < tokens.Length; i++)
            {
                vocabularyOf[i] = -1;
                var token = tokens[i];
                if (token.Role is TokenRole.Word or TokenRole.Number)
                {
                    var id = Term(token.Text, token.Role == TokenRole.Word, n);
                    if (token.Role == TokenRole.Word) vocabularyOf[i] = id;
                }
                // Words and numbers, and each pair of neighbouring words joined, so that "al qaida" is found from "alqaida".
                if (i + 1 < tokens.Length && token.Role == TokenRole.Word && tokens[i + 1].Role == TokenRole.Word)
                {
                    var (left, right) = (token.Text, tokens[i + 1].Text);
                    if (left.Length + right.Length <= JoinBuffer)
                    {
                        left.CopyTo(joined);
                        right.CopyTo(joined[left.Length..]);
                        Term(joined[..(left.Length + right.Length)], false, n);
                    }
                    else Term(left + right, false, n);
                }
            }
            names[n].Vocabulary = vocabularyOf;
            if (CandidateKeys.Initials(tokens) is { } initials)
                (acronyms.TryGetValue(initials, out var a) ? a : acronyms[initials] = []).Add(n);
        }

        var terms = vocabulary.ToArray();
        var (postingStarts, postingIds) = Postings(terms.Length, postingTerms, postingNames);
        return ScreeningIndex.Create(entries, names, terms, postingStarts, postingIds, Keys(terms, isWord),
            acronyms.ToDictionary(k => k.Key, k => k.Value.ToArray(), StringComparer.Ordinal), weights);

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        int Term(ReadOnlySpan<char> text, bool word, int name)
        {
            if (!byText.TryGetValue(text, out var id))
            {
                id = vocabulary.Count;
                var term = new string(text);
                vocabularyIds.Add(term, id);
                vocabulary.Add(term);
                isWord.Add(word);
                lastName.Add(-1);
            }
            if (word) isWord[id] = true;
            if (lastName[id] != name)
            {
                lastName[id] = name;
                postingTerms.Add(id);
                postingNames.Add(name);
            }
            return id;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (int[] Starts, int[] Names) Postings(int terms, List<int> termList, List<int> nameList)
    {
        var starts = new int[terms + 1];
        foreach (var term in termList) starts[term + 1]++;
        for (var t = 0; t < terms; t++) starts[t + 1] += starts[t];
        var next = starts[..^1];
        var names = new int[nameList.Count];
        var termSpan = CollectionsMarshal.AsSpan(termList);
        var nameSpan = CollectionsMarshal.AsSpan(nameList);
        for (var k = 0; k < termSpan.Length; k++) names[next[termSpan[k]]++] = nameSpan[k];
        return (starts, names);
    }

    // Keys per term are independent: computed on every core into one flat array, each range writing its own part.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static KeyTable Keys(string[] terms, List<bool> isWord)
    {
        var counts = new int[terms.Length + 1];
        var skeletons = new ulong?[terms.Length];
        Parallel.For(0, terms.Length, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (id) =>
        {
            // Joined neighbours are found exactly only; edits and sounds apply to real words.
            if (!isWord[id]) { counts[id + 1] = 1; return; }
            var term = terms[id];
            if (term.Length > CandidateKeys.MaxKeyedLength) { counts[id + 1] = 1; return; }
            skeletons[id] = CandidateKeys.Skeleton(term);
            counts[id + 1] = 1 + (term.Length >= CandidateKeys.MinDeletionLength ? term.Length : 0) + (skeletons[id] is null ? 0 : 1);
        });
        for (var id = 0; id < terms.Length; id++) counts[id + 1] += counts[id];
        var keys = new ulong[counts[^1]];
        var ids = new int[counts[^1]];
        Parallel.For(0, terms.Length, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (id) =>
        {
            var at = counts[id];
            var term = terms[id];
            ids[at] = id;
            keys[at++] = CandidateKeys.Exact(term);
            if (!isWord[id] || term.Length > CandidateKeys.MaxKeyedLength) return;
            if (term.Length >= CandidateKeys.MinDeletionLength)
                for (var i = 0; i < term.Length; i++)
                {
                    ids[at] = id;
                    keys[at++] = CandidateKeys.Deletion(term, i);
                }
            if (skeletons[id] is { } skeleton)
            {
                ids[at] = id;
                keys[at] = skeleton;
            }
        });
        return KeyTable.Build(keys, ids);
    }
}
