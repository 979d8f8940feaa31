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
    private readonly int[][] _postings;                       // vocabulary id -> name ids
    private readonly KeyTable _keys;                          // lookup key -> vocabulary ids
    private readonly Dictionary<string, int[]> _acronyms; // initials -> name ids
    private readonly TokenWeights _weights;

    private ScreeningIndex(ListEntry[] entries, IndexedName[] names, string[] vocabulary, int[][] postings,
        KeyTable keys, Dictionary<string, int[]> acronyms, TokenWeights weights)
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
        // Normalising names is most of the build and independent per entry: it runs on every core.
        var tokenized = entryArray.AsParallel().AsOrdered().SelectMany((entry, e) =>
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var names = new List<(int Entry, string Text, AliasKind? Kind, NameToken[] Tokens)>();
            foreach (var (text, kind) in entry.AllNames())
            {
                var tokens = NameText.Tokenize(text);
                // The same normalised name twice on one entry (an alias that differs only in case) adds nothing.
                if (tokens.Length == 0 || !seen.Add(string.Join(' ', tokens.Select(t => t.Text)))) continue;
                names.Add((e, text, kind, tokens));
            }
            return names;
        }).ToList();
        var weights = TokenWeights.From(tokenized.Select(t => t.Tokens));
        var names = tokenized.Select(t => new IndexedName(t.Entry, t.Text, t.Kind, weights.Weigh(t.Tokens))).ToArray();
        return IndexBuilder.Build(entryArray, names, weights);
    }

    internal static ScreeningIndex Create(ListEntry[] entries, IndexedName[] names, string[] vocabulary, int[][] postings,
        KeyTable keys, Dictionary<string, int[]> acronyms, TokenWeights weights) =>
        new(entries, names, vocabulary, postings, keys, acronyms, weights);
}
