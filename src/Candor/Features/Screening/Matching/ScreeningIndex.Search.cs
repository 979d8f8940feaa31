using Candor.Features.Screening.Lists;

namespace Candor.Features.Screening.Matching;

public sealed partial class ScreeningIndex
{
    /// <summary>How many names, ranked by the quick candidate score, get a full alignment.</summary>
    private const int MaxCandidates = 60;
    /// <summary>A name must cover this share of the query's weight in the quick score to be aligned at all.</summary>
    private const float MinCandidateCoverage = 0.5f;

    [ThreadStatic] private static Scratch? t_scratch;

    public ScreeningResult Search(ScreeningQuery query)
    {
        if (query.Problem() is { } problem) return ScreeningResult.Reject(problem);
        var tokens = NameText.Tokenize(query.Name);
        if (!tokens.Any(t => t.Role is TokenRole.Word or TokenRole.Number or TokenRole.Initial))
            return ScreeningResult.Reject("the name has no letters or digits to match on");
        if (_names.Length == 0) return new ScreeningResult([]);

        var scratch = t_scratch is { } s && s.Fits(this) && s.Stamp < int.MaxValue / 2 ? s : t_scratch = new Scratch(this);
        var hits = CandidateSearch.FindTokenHits(this, tokens, scratch);
        var weighted = WeighQuery(tokens, hits);
        var candidates = CandidateSearch.Candidates(this, tokens, weighted.Weights, hits, scratch, MinCandidateCoverage, MaxCandidates);

        var similar = KnownSimilarities(hits, scratch.Known);
        var nonLatinQuery = NameText.HasNonLatinLetters(query.Name);
        var best = scratch.Best;
        best.Clear();
        // One comparer per query, pointed at each candidate in turn: a closure per candidate was most of a query's garbage.
        var comparer = new CandidateComparer(tokens, similar);
        var compare = (NameScorer.PairSimilarity)comparer.Compare;
        foreach (var n in candidates)
        {
            var name = _names[n];
            comparer.Name = name;
            var score = NameScorer.Score(weighted, name.Weighted, compare);
            if (score.Score <= 0) continue;
            if (!best.TryGetValue(name.Entry, out var current) || score.Score > current.Score.Score
                // At equal scores a query in another script is explained by the entry's name in that script.
                || (score.Score == current.Score.Score && nonLatinQuery && NameText.HasNonLatinLetters(name.Text)))
                best[name.Entry] = (n, score);
        }
        var matches = new List<ScreeningMatch>(best.Count);
        foreach (var (entry, (n, score)) in best)
        {
            var (adjustment, adjustments, corroborations) = SoftSignals.Apply(query, _entries[entry], _names[n].Kind);
            var final = Math.Clamp(score.Score + adjustment, 0, 1);
            if (final < query.MinScore) continue;
            matches.Add(MatchExplainer.Explain(_entries[entry], _names[n], weighted, score, final, adjustments, corroborations));
        }
        matches.Sort((a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : string.CompareOrdinal(a.SourceId, b.SourceId));
        return new ScreeningResult(matches.Count > query.Limit ? matches[..query.Limit] : matches);
    }

    /// <summary>Scores two names against each other with this index's token weights: the pairwise form of the matcher.</summary>
    public float ComparePair(string query, string name)
    {
        var q = _weights.Weigh(NameText.Tokenize(query));
        var c = _weights.Weigh(NameText.Tokenize(name));
        return NameScorer.Score(q, c).Score;
    }

    // Word pairs were compared while finding candidates; alignment reuses those results instead of comparing again.
    // A word pair the candidate keys did not bring together counts as unlike, in the search and in its explanation.
    private static Dictionary<long, float> KnownSimilarities(List<(int Vocabulary, float Similarity)>[] hits, Dictionary<long, float> known)
    {
        known.Clear();
        for (var i = 0; i < hits.Length; i++)
            foreach (var (vocabulary, similarity) in hits[i]) known[((long)i << 32) | (uint)vocabulary] = similarity;
        return known;
    }

    private sealed class CandidateComparer(NameToken[] query, Dictionary<long, float> known)
    {
        public IndexedName Name { get; set; } = null!;
        public (float, TokenMatchKind) Compare(int i, int j) => Similarity(query, i, Name, j, known);
    }

    private static (float, TokenMatchKind) Similarity(NameToken[] query, int i, IndexedName name, int j, Dictionary<long, float> known)
    {
        var vocabulary = name.Vocabulary[j];
        if (vocabulary < 0 || query[i].Role != TokenRole.Word) return TokenSimilarity.Compare(query[i], name.Weighted.Tokens[j]);
        return known.TryGetValue(((long)i << 32) | (uint)vocabulary, out var similarity)
            ? (similarity, similarity >= 1f ? TokenMatchKind.Exact : TokenMatchKind.Fuzzy)
            : (0f, TokenMatchKind.None);
    }

    // A query word the lists never saw is usually a misspelling of one they did: it weighs what its closest look-alike weighs.
    private WeightedName WeighQuery(NameToken[] tokens, List<(int Vocabulary, float Similarity)>[] hits)
    {
        var weighted = _weights.Weigh(tokens);
        for (var i = 0; i < tokens.Length; i++)
        {
            if (tokens[i].Role != TokenRole.Word || _weights.IsKnown(tokens[i].Text) || hits[i].Count == 0) continue;
            var (vocabulary, _) = hits[i].MaxBy(h => h.Similarity);
            weighted.Weights[i] = _weights.Of(new NameToken(_vocabulary[vocabulary], TokenRole.Word, ""));
        }
        return weighted;
    }

    internal IndexedName NameAt(int id) => _names[id];
    internal string VocabularyAt(int id) => _vocabulary[id];
    internal ReadOnlySpan<int> PostingsOf(int vocabularyId) =>
        _postingNames.AsSpan(_postingStarts[vocabularyId], _postingStarts[vocabularyId + 1] - _postingStarts[vocabularyId]);
    internal ReadOnlySpan<int> KeyLookup(ulong key) => _keys[key];
    internal int[]? AcronymLookup(string initials) => _acronyms.GetValueOrDefault(initials);

    /// <summary>Per-thread working memory sized to one index, so that a search allocates little.</summary>
    internal sealed class Scratch(ScreeningIndex index)
    {
        public readonly ScreeningIndex Owner = index;
        public readonly float[] Accumulated = new float[index._names.Length];
        public readonly int[] NameStamp = new int[index._names.Length];
        public readonly int[] TokenStamp = new int[index._names.Length];
        public readonly int[] VocabularyStamp = new int[index._vocabulary.Length];
        public readonly List<int> Touched = [];
        // Cleared at the start of each search and not kept past it, so one per thread serves every search.
        public readonly Dictionary<long, float> Known = [];
        public readonly Dictionary<int, (int Name, NameScore Score)> Best = [];
        public int Stamp;
        public bool Fits(ScreeningIndex other) => ReferenceEquals(Owner, other);
    }
}
