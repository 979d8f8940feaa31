namespace Candor.Features.Screening.Matching;

/// <summary>Which query tokens (bit i = query token i) aligned with which name tokens, how well and how.</summary>
public readonly record struct TokenPair(uint QueryTokens, uint NameTokens, float Similarity, TokenMatchKind Kind);

/// <summary>
/// The score of one name against a query and the alignment that produced it. <see cref="Alignment"/> is the coverage
/// mix; <see cref="Score"/> is that less <see cref="Conflict"/>, the cost of words left over on both sides.
/// </summary>
public sealed record NameScore(float Score, float QueryCoverage, float NameCoverage, TokenPair[] Pairs)
{
    public static readonly NameScore None = new(0, 0, 0, []);

    /// <summary>The score before the conflict cost: <see cref="NameScorer.QueryShare"/> × query coverage + the rest × name coverage.</summary>
    public float Alignment { get; init; } = Score;

    /// <summary>What words left unaligned on both sides took off <see cref="Alignment"/> (0 when only one side has leftovers).</summary>
    public float Conflict { get; init; }

    /// <summary>The query's and the name's words that contradicted each other (bit i = token i).</summary>
    public (uint Query, uint Name) Conflicting { get; init; }
}

/// <summary>A name's tokens and their weights (rarer tokens weigh more; legal forms and stopwords little).</summary>
public sealed record WeightedName(NameToken[] Tokens, float[] Weights);

/// <summary>
/// Aligns query tokens with a name's tokens regardless of order (greedy, best pairs first), then lets leftovers
/// align as merged or split words ("al qaida" ~ "alqaida") and as acronyms ("BNC" ~ "Banco Nacional de Cuba").
/// The score mixes how much of the query's weight and of the name's weight is covered.
/// </summary>
public static class NameScorer
{
    /// <summary>The query's share of the score. Extra list tokens (middle names, patronymics) cost less than missing query tokens.</summary>
    public const float QueryShare = 0.7f;
    private const float MergeFloor = 0.85f;
    // An acronym is a lead, not proof: alone it stays below any sensible threshold.
    private const float AcronymSimilarity = 0.75f;
    private const int MinAcronymLength = 3;

    public delegate (float Similarity, TokenMatchKind Kind) PairSimilarity(int queryToken, int nameToken);

    public static NameScore Score(WeightedName query, WeightedName name, PairSimilarity? similarity = null)
    {
        var q = query.Tokens;
        var c = name.Tokens;
        if (q.Length == 0 || c.Length == 0) return NameScore.None;
        similarity ??= (i, j) => TokenSimilarity.Compare(q[i], c[j]);
        var pairs = new List<TokenPair>(Math.Min(q.Length, c.Length) + 1);
        uint usedQ = 0, usedC = 0;
        AlignSingles(q.Length, c.Length, query.Weights, name.Weights, similarity, pairs, ref usedQ, ref usedC);
        AlignShiftedBoundary(q, c, pairs, ref usedQ, ref usedC);
        AlignMerges(q, c, pairs, ref usedQ, ref usedC, split: false);
        AlignMerges(c, q, pairs, ref usedC, ref usedQ, split: true);
        AlignAcronym(q, c, pairs, ref usedQ, ref usedC, reversed: false);
        AlignAcronym(c, q, pairs, ref usedC, ref usedQ, reversed: true);
        float matchedQ = 0, matchedC = 0;
        foreach (var p in pairs)
        {
            matchedQ += p.Similarity * Sum(query.Weights, p.QueryTokens);
            matchedC += p.Similarity * Sum(name.Weights, p.NameTokens);
        }
        var totalQ = Sum(query.Weights, uint.MaxValue);
        var totalC = Sum(name.Weights, uint.MaxValue);
        if (totalQ <= 0 || totalC <= 0) return NameScore.None;
        var coverQ = Math.Min(1f, matchedQ / totalQ);
        var coverC = Math.Min(1f, matchedC / totalC);
        var alignment = QueryShare * coverQ + (1 - QueryShare) * coverC;
        var (conflict, conflictingQ, conflictingC) = Conflict(query, name, usedQ, usedC, totalQ, totalC);
        var score = Math.Max(0f, alignment - conflict);
        return new NameScore(score, coverQ, coverC, [.. pairs])
        {
            Alignment = alignment, Conflict = alignment - score, Conflicting = conflict > 0 ? (conflictingQ, conflictingC) : (0, 0),
        };
    }

    /// <summary>
    /// A word left over on one side only is an extra name (a middle name, a patronymic, a second surname); a word left
    /// over on each side is a contradiction: "Ali Saddam Hussein al-Rawi" is not "Ali Saddam Hussein al-Tikriti". The
    /// cost grows with the smaller of the two leftover shares, so one extra word against none costs nothing here. A
    /// leftover that still resembles one on the other side ("omhammed", "muhammad") is a bad typo, not a contradiction,
    /// and costs nothing either.
    /// </summary>
    public static (float Cost, uint Query, uint Name) Conflict(WeightedName query, WeightedName name, uint usedQ, uint usedC, float totalQ, float totalC)
    {
        uint lookAlikeQ = 0, lookAlikeC = 0;
        for (var i = 0; i < query.Tokens.Length && i < 32; i++)
        {
            if (!Contradicts(query.Tokens[i], usedQ, i)) continue;
            for (var j = 0; j < name.Tokens.Length && j < 32; j++)
            {
                if (!Contradicts(name.Tokens[j], usedC, j) || !LookAlike(query.Tokens[i].Text, name.Tokens[j].Text)) continue;
                lookAlikeQ |= 1u << i;
                lookAlikeC |= 1u << j;
            }
        }
        var (weightQ, maskQ) = Leftover(query, usedQ | lookAlikeQ);
        var (weightC, maskC) = Leftover(name, usedC | lookAlikeC);
        return (ConflictCost * Math.Min(weightQ / totalQ, weightC / totalC), maskQ, maskC);
    }

    /// <summary>
    /// A contradicted word costs what it weighs, as a matched one earns what it weighs: a name whose leftovers
    /// contradict each other entirely loses their whole share.
    /// </summary>
    public const float ConflictCost = 1f;

    /// <summary>Two words within half their length of each other, by the same weighted distance as <see cref="TokenSimilarity"/>.</summary>
    public static bool LookAlike(string a, string b)
    {
        var bound = 0.5f * Math.Max(a.Length, b.Length);
        return TokenSimilarity.Distance(a, b, bound) <= bound;
    }

    // Only words and numbers contradict: legal forms, stopwords and initials are too weak to say the names differ.
    private static bool Contradicts(in NameToken token, uint used, int i) =>
        (used & (1u << i)) == 0 && token.Role is TokenRole.Word or TokenRole.Number;

    private static (float Weight, uint Tokens) Leftover(WeightedName name, uint used)
    {
        float left = 0;
        uint tokens = 0;
        for (var i = 0; i < name.Tokens.Length && i < 32; i++)
        {
            if (!Contradicts(name.Tokens[i], used, i)) continue;
            left += name.Weights[i];
            tokens |= 1u << i;
        }
        return (left, tokens);
    }

    private static void AlignSingles(int nq, int nc, float[] wq, float[] wc, PairSimilarity similarity,
        List<TokenPair> pairs, ref uint usedQ, ref uint usedC)
    {
        Span<(float Sim, float Weight, int I, int J, TokenMatchKind Kind)> all =
            nq * nc <= 256 ? stackalloc (float, float, int, int, TokenMatchKind)[nq * nc] : new (float, float, int, int, TokenMatchKind)[nq * nc];
        var n = 0;
        for (var i = 0; i < nq; i++)
            for (var j = 0; j < nc; j++)
            {
                var (sim, kind) = similarity(i, j);
                if (sim > 0) all[n++] = (sim, wq[i] + wc[j], i, j, kind);
            }
        var found = all[..n];
        found.Sort((x, y) => x.Sim != y.Sim ? y.Sim.CompareTo(x.Sim) : y.Weight.CompareTo(x.Weight));
        foreach (var (sim, _, i, j, kind) in found)
        {
            uint bq = 1u << i, bc = 1u << j;
            if ((usedQ & bq) != 0 || (usedC & bc) != 0) continue;
            usedQ |= bq;
            usedC |= bc;
            pairs.Add(new TokenPair(bq, bc, sim, kind));
        }
    }

    // Two or three neighbouring unaligned tokens on one side against one unaligned token on the other: "al qaida" ~
    // "alqaida", "van der bilt" ~ "vanderbilt". Three first, so that a three-way split is not half taken by a two-way one.
    private static void AlignMerges(NameToken[] many, NameToken[] one, List<TokenPair> pairs, ref uint usedMany, ref uint usedOne, bool split)
    {
        for (var span = 3; span >= 2; span--)
            AlignMerges(many, one, span, pairs, ref usedMany, ref usedOne, split);
    }

    private static void AlignMerges(NameToken[] many, NameToken[] one, int span, List<TokenPair> pairs, ref uint usedMany, ref uint usedOne, bool split)
    {
        Span<char> joined = stackalloc char[96];
        for (var i = 0; i + span <= many.Length; i++)
        {
            var run = ((1u << span) - 1) << i;
            if ((usedMany & run) != 0 || !HasWord(many, i, span)) continue;
            var length = 0;
            for (var k = i; k < i + span && length >= 0; k++)
                length = length + many[k].Text.Length > joined.Length ? -1 : Append(many[k].Text, joined, length);
            if (length < 0) continue;
            var merged = joined[..length];
            for (var j = 0; j < one.Length; j++)
            {
                uint bit = 1u << j;
                if ((usedOne & bit) != 0 || one[j].Role != TokenRole.Word) continue;
                var sim = TokenSimilarity.Similarity(merged, one[j].Text);
                if (sim < MergeFloor) continue;
                usedMany |= run;
                usedOne |= bit;
                pairs.Add(split ? new TokenPair(bit, run, sim, TokenMatchKind.Split) : new TokenPair(run, bit, sim, TokenMatchKind.Merged));
                break;
            }
        }
    }

    private static bool HasWord(NameToken[] tokens, int start, int span)
    {
        for (var k = start; k < start + span; k++)
            if (tokens[k].Role == TokenRole.Word) return true;
        return false;
    }

    private static int Append(string text, Span<char> buffer, int at)
    {
        text.CopyTo(buffer[at..]);
        return at + text.Length;
    }

    // Two neighbouring unaligned tokens on each side that spell the same when joined: a letter moved across the
    // space ("arefullaha ref" ~ "arefullah aref").
    private static void AlignShiftedBoundary(NameToken[] q, NameToken[] c, List<TokenPair> pairs, ref uint usedQ, ref uint usedC)
    {
        Span<char> left = stackalloc char[96];
        Span<char> right = stackalloc char[96];
        for (var i = 0; i + 1 < q.Length; i++)
        {
            if ((usedQ & (3u << i)) != 0 || q[i].Text.Length + q[i + 1].Text.Length > left.Length) continue;
            var joinedQ = Join(q[i].Text, q[i + 1].Text, left);
            for (var j = 0; j + 1 < c.Length; j++)
            {
                if ((usedC & (3u << j)) != 0 || c[j].Text.Length + c[j + 1].Text.Length > right.Length) continue;
                var sim = TokenSimilarity.Similarity(joinedQ, Join(c[j].Text, c[j + 1].Text, right));
                if (sim < MergeFloor) continue;
                usedQ |= 3u << i;
                usedC |= 3u << j;
                pairs.Add(new TokenPair(3u << i, 3u << j, sim, TokenMatchKind.Merged));
                break;
            }
        }
    }

    private static ReadOnlySpan<char> Join(string a, string b, Span<char> buffer)
    {
        a.CopyTo(buffer);
        b.CopyTo(buffer[a.Length..]);
        return buffer[..(a.Length + b.Length)];
    }

    // One unaligned token that spells the initials of the other side's unaligned words ("BNC", "Banco Nacional de Cuba").
    private static void AlignAcronym(NameToken[] side, NameToken[] other, List<TokenPair> pairs, ref uint usedSide, ref uint usedOther, bool reversed)
    {
        uint words = 0;
        Span<char> initials = stackalloc char[32];
        var n = 0;
        for (var j = 0; j < other.Length && n < initials.Length; j++)
        {
            if (other[j].Role is not (TokenRole.Word or TokenRole.Initial)) continue;
            if ((usedOther & (1u << j)) != 0) return; // the acronym must stand for the whole remaining name
            words |= 1u << j;
            initials[n++] = other[j].Text[0];
        }
        if (n < MinAcronymLength) return;
        for (var i = 0; i < side.Length; i++)
        {
            uint bit = 1u << i;
            if ((usedSide & bit) != 0 || side[i].Role != TokenRole.Word || !side[i].Text.AsSpan().SequenceEqual(initials[..n])) continue;
            usedSide |= bit;
            usedOther |= words;
            pairs.Add(reversed
                ? new TokenPair(words, bit, AcronymSimilarity, TokenMatchKind.Acronym)
                : new TokenPair(bit, words, AcronymSimilarity, TokenMatchKind.Acronym));
            return;
        }
    }

    private static float Sum(float[] weights, uint mask)
    {
        float total = 0;
        for (var i = 0; i < weights.Length && i < 32; i++)
            if ((mask & (1u << i)) != 0) total += weights[i];
        return total;
    }
}
