namespace Candor.Features.Screening.Matching;

/// <summary>
/// The quick first stage of a search: which vocabulary words each query token resembles, then which names hold
/// enough of the query's weight in those words to deserve a full alignment.
/// </summary>
internal static class CandidateSearch
{
    public static List<(int Vocabulary, float Similarity)>[] FindTokenHits(ScreeningIndex index, NameToken[] tokens, ScreeningIndex.Scratch scratch)
    {
        var hits = new List<(int, float)>[tokens.Length];
        for (var i = 0; i < tokens.Length; i++)
        {
            hits[i] = [];
            var token = tokens[i];
            if (token.Role is not (TokenRole.Word or TokenRole.Number)) continue;
            var stamp = ++scratch.Stamp;
            Collect(index, token, index.KeyLookup(CandidateKeys.Exact(token.Text)), scratch, stamp, hits[i]);
            if (token.Role != TokenRole.Word || token.Text.Length > CandidateKeys.MaxKeyedLength) continue;
            if (token.Text.Length >= CandidateKeys.MinDeletionLength)
                for (var d = 0; d < token.Text.Length; d++)
                    Collect(index, token, index.KeyLookup(CandidateKeys.Deletion(token.Text, d)), scratch, stamp, hits[i]);
            if (CandidateKeys.Skeleton(token.Text) is { } skeleton)
                Collect(index, token, index.KeyLookup(skeleton), scratch, stamp, hits[i]);
        }
        return hits;
    }

    private static void Collect(ScreeningIndex index, NameToken token, ReadOnlySpan<int> vocabularyIds, ScreeningIndex.Scratch scratch, int stamp, List<(int, float)> hits)
    {
        foreach (var id in vocabularyIds)
        {
            if (scratch.VocabularyStamp[id] == stamp) continue;
            scratch.VocabularyStamp[id] = stamp;
            var word = index.VocabularyAt(id);
            var (similarity, _) = TokenSimilarity.Compare(token, new NameToken(word, TokenRole.Word, word));
            if (similarity > 0) hits.Add((id, similarity));
        }
    }

    public static List<int> Candidates(ScreeningIndex index, NameToken[] tokens, float[] weights,
        List<(int Vocabulary, float Similarity)>[] hits, ScreeningIndex.Scratch scratch, float minCoverage, int max)
    {
        var query = ++scratch.Stamp;
        scratch.Touched.Clear();
        float total = 0;
        for (var i = 0; i < tokens.Length; i++)
        {
            if (tokens[i].Role is not (TokenRole.Word or TokenRole.Number)) continue;
            total += weights[i];
            hits[i].Sort((a, b) => b.Similarity.CompareTo(a.Similarity));
            var tokenStamp = ++scratch.Stamp;
            foreach (var (vocabulary, similarity) in hits[i])
                Add(index.PostingsOf(vocabulary), weights[i] * similarity, query, tokenStamp, scratch);
        }
        AddJoinedAndAcronyms(index, tokens, weights, query, scratch);
        if (total <= 0) return [];

        var heap = new PriorityQueue<int, float>(max + 1);
        foreach (var n in scratch.Touched)
        {
            var score = scratch.Accumulated[n];
            if (score < minCoverage * total) continue;
            heap.Enqueue(n, score);
            if (heap.Count > max) heap.Dequeue();
        }
        var result = new List<int>(heap.Count);
        while (heap.Count > 0) result.Add(heap.Dequeue());
        return result;
    }

    // Query words joined pairwise ("al qaida" -> "alqaida") and acronyms, in both directions.
    private static void AddJoinedAndAcronyms(ScreeningIndex index, NameToken[] tokens, float[] weights, int query, ScreeningIndex.Scratch scratch)
    {
        for (var i = 0; i + 1 < tokens.Length; i++)
        {
            if (tokens[i].Role != TokenRole.Word || tokens[i + 1].Role != TokenRole.Word) continue;
            var stamp = ++scratch.Stamp;
            foreach (var id in index.KeyLookup(CandidateKeys.Joined(tokens[i].Text, tokens[i + 1].Text)))
                if (IsJoined(index.VocabularyAt(id), tokens[i].Text, tokens[i + 1].Text))
                    Add(index.PostingsOf(id), weights[i] + weights[i + 1], query, stamp, scratch);
        }
        int words = 0, onlyWord = -1;
        double wordWeight = 0; // summed in double, as Enumerable.Sum did: the candidate scores must not move
        for (var i = 0; i < tokens.Length; i++)
        {
            if (tokens[i].Role != TokenRole.Word) continue;
            words++;
            onlyWord = i;
            wordWeight += weights[i];
        }
        if (words == 1 && tokens[onlyWord].Text.Length is >= 3 and <= 12 && index.AcronymLookup(tokens[onlyWord].Text) is { } named)
            Add(named, weights[onlyWord] * 0.75f, query, ++scratch.Stamp, scratch);
        if (CandidateKeys.Initials(tokens) is { } initials)
        {
            var stamp = ++scratch.Stamp;
            var weight = (float)wordWeight * 0.75f;
            foreach (var id in index.KeyLookup(CandidateKeys.Exact(initials)))
                if (index.VocabularyAt(id) == initials) Add(index.PostingsOf(id), weight, query, stamp, scratch);
        }
    }

    private static bool IsJoined(string term, string left, string right) =>
        term.Length == left.Length + right.Length && term.StartsWith(left, StringComparison.Ordinal) && term.EndsWith(right, StringComparison.Ordinal);

    private static void Add(ReadOnlySpan<int> names, float amount, int query, int tokenStamp, ScreeningIndex.Scratch scratch)
    {
        foreach (var n in names)
        {
            if (scratch.NameStamp[n] < query)
            {
                scratch.NameStamp[n] = query;
                scratch.Accumulated[n] = 0;
                scratch.Touched.Add(n);
            }
            // The first (best) look-alike of a query token in a name counts; later ones for the same token do not.
            if (scratch.TokenStamp[n] == tokenStamp) continue;
            scratch.TokenStamp[n] = tokenStamp;
            scratch.Accumulated[n] += amount;
        }
    }
}
