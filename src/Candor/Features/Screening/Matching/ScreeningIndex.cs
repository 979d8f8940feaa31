using System.Runtime.CompilerServices;
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
    internal sealed record IndexedName(int Entry, string Text, AliasKind? Kind, WeightedName Weighted)
    {
        /// <summary>The vocabulary id of each word token, or -1 (legal forms, stopwords, initials), filled in by the builder.</summary>
        public int[] Vocabulary { get; set; } = [];
    }

    private readonly ListEntry[] _entries;
    private readonly IndexedName[] _names;
    private readonly string[] _vocabulary;
    private readonly int[] _postingStarts;                    // vocabulary id -> range of _postingNames
    private readonly int[] _postingNames;                     // name ids, ascending within each vocabulary id
    private readonly KeyTable _keys;                          // lookup key -> vocabulary ids
    private readonly Dictionary<string, int[]> _acronyms; // initials -> name ids
    private readonly TokenWeights _weights;

    private ScreeningIndex(ListEntry[] entries, IndexedName[] names, string[] vocabulary, int[] postingStarts, int[] postingNames,
        KeyTable keys, Dictionary<string, int[]> acronyms, TokenWeights weights)
    {
        _entries = entries;
        _names = names;
        _vocabulary = vocabulary;
        _postingStarts = postingStarts;
        _postingNames = postingNames;
        _keys = keys;
        _acronyms = acronyms;
        _weights = weights;
    }

    public int EntryCount => _entries.Length;
    public int NameCount => _names.Length;
    public int VocabularyCount => _vocabulary.Length;
    public TokenWeights Weights => _weights;

    public static readonly ScreeningIndex Empty = Build([]);

    public static ScreeningIndex Build(IEnumerable<ListEntry> entries) => Build(entries, previous: null);

    /// <summary>
    /// Builds an index, reusing the normalised tokens of every name text <paramref name="previous"/> already holds:
    /// normalising is a pure function of the text, so a rebuild after one list changes normalises only that list's new names.
    /// </summary>
    // The build's methods run once per build, loops in them for seconds: compiled fully optimised at once instead of
    // starting as unoptimised tier-0 code, which made the first build in a process two to three times slower.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ScreeningIndex Build(IEnumerable<ListEntry> entries, ScreeningIndex? previous)
    {
        var entryArray = entries.ToArray();
        var known = previous?.TokensByText();
        // Normalising names is most of the build and independent per entry: it runs on every core, each entry into its slot.
        var perEntry = new (string Text, AliasKind? Kind, NameToken[] Tokens)[]?[entryArray.Length];
        Parallel.For(0, entryArray.Length, e => perEntry[e] = NamesOf(entryArray[e], known));
        var tokenized = new List<(int Entry, string Text, AliasKind? Kind, NameToken[] Tokens)>(entryArray.Length * 2);
        for (var e = 0; e < perEntry.Length; e++)
            foreach (var (text, kind, tokens) in perEntry[e]!) tokenized.Add((e, text, kind, tokens));
        var weights = TokenWeights.From(tokenized.Select(t => t.Tokens));
        var names = new IndexedName[tokenized.Count];
        for (var n = 0; n < names.Length; n++)
        {
            var (entry, text, kind, tokens) = tokenized[n];
            names[n] = new IndexedName(entry, text, kind, weights.Weigh(tokens));
        }
        return IndexBuilder.Build(entryArray, names, weights);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (string Text, AliasKind? Kind, NameToken[] Tokens)[] NamesOf(ListEntry entry, Dictionary<string, NameToken[]>? known)
    {
        var names = new List<(string, AliasKind?, NameToken[])>(1 + entry.Aliases.Count);
        foreach (var (text, kind) in entry.AllNames())
        {
            var tokens = known is not null && known.TryGetValue(text, out var cached) ? cached : NameText.Tokenize(text);
            // The same normalised name twice on one entry (an alias that differs only in case) adds nothing.
            if (tokens.Length == 0 || names.Exists(n => SameTexts(n.Item3, tokens))) continue;
            names.Add((text, kind, tokens));
        }
        return [.. names];
    }

    private static bool SameTexts(NameToken[] a, NameToken[] b)
    {
        if (a.Length != b.Length) return false;
        for (var i = 0; i < a.Length; i++)
            if (!string.Equals(a[i].Text, b[i].Text, StringComparison.Ordinal)) return false;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Dictionary<string, NameToken[]> TokensByText()
    {
        var byText = new Dictionary<string, NameToken[]>(_names.Length, StringComparer.Ordinal);
        foreach (var name in _names) byText.TryAdd(name.Text, name.Weighted.Tokens);
        return byText;
    }

    internal static ScreeningIndex Create(ListEntry[] entries, IndexedName[] names, string[] vocabulary, int[] postingStarts,
        int[] postingNames, KeyTable keys, Dictionary<string, int[]> acronyms, TokenWeights weights) =>
        new(entries, names, vocabulary, postingStarts, postingNames, keys, acronyms, weights);
}
