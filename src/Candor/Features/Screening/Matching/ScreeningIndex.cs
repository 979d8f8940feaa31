using System.Collections.Frozen;
using Candor.Features.Screening.Lists;

namespace Candor.Features.Screening.Matching;

/// <summary>
/// An immutable in-memory index over every name of every entry of a set of lists. Build a new one when a list
/// changes and swap the reference: searches in flight keep the old one. Candidates come from an inverted index
/// (exact tokens, one-deletion neighbours, sound skeletons, joined neighbours, acronyms), so query cost follows the
/// number of similar names, not the size of the lists.
/// </summary>
public sealed partial class ScreeningIndex
{
    /// <summary>An indexed name: the primary name or one alias of an entry.</summary>
    internal sealed record IndexedName(int Entry, string Text, AliasKind? Kind, WeightedName Weighted);

    private readonly ListEntry[] _entries;
    private readonly IndexedName[] _names;
    private readonly string[] _vocabulary;
    private readonly int[][] _postings;                       // vocabulary id -> name ids
    private readonly FrozenDictionary<string, int[]> _keys;    // lookup key -> vocabulary ids
    private readonly FrozenDictionary<string, int[]> _acronyms; // initials -> name ids
    private readonly TokenWeights _weights;

    private ScreeningIndex(ListEntry[] entries, IndexedName[] names, string[] vocabulary, int[][] postings,
        FrozenDictionary<string, int[]> keys, FrozenDictionary<string, int[]> acronyms, TokenWeights weights)
    {
        _entries = entries;
        _names = names;
        _vocabulary = vocabulary;
        _postings = postings;
        _keys = keys;
        _acronyms = acronyms;
        _weights = weights;
    }

    public int EntryCount => _entries.Length;
    public int NameCount => _names.Length;
    public int VocabularyCount => _vocabulary.Length;
    public TokenWeights Weights => _weights;

    public static readonly ScreeningIndex Empty = Build([]);

    public static ScreeningIndex Build(IEnumerable<ListEntry> entries)
    {
        var entryArray = entries.ToArray();
        var tokenized = new List<(int Entry, string Text, AliasKind? Kind, NameToken[] Tokens)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var e = 0; e < entryArray.Length; e++)
        {
            seen.Clear();
            foreach (var (text, kind) in entryArray[e].AllNames())
            {
                var tokens = NameText.Tokenize(text);
                // The same normalised name twice on one entry (an alias that differs only in case) adds nothing.
                if (tokens.Length == 0 || !seen.Add(string.Join(' ', tokens.Select(t => t.Text)))) continue;
                tokenized.Add((e, text, kind, tokens));
            }
        }
        var weights = TokenWeights.From(tokenized.Select(t => t.Tokens));
        var names = tokenized.Select(t => new IndexedName(t.Entry, t.Text, t.Kind, weights.Weigh(t.Tokens))).ToArray();
        return IndexBuilder.Build(entryArray, names, weights);
    }

    internal static ScreeningIndex Create(ListEntry[] entries, IndexedName[] names, string[] vocabulary, int[][] postings,
        FrozenDictionary<string, int[]> keys, FrozenDictionary<string, int[]> acronyms, TokenWeights weights) =>
        new(entries, names, vocabulary, postings, keys, acronyms, weights);
}
