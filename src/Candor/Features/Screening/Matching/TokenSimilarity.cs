namespace Candor.Features.Screening.Matching;

/// <summary>How two tokens were found alike; shown in explanations.</summary>
public enum TokenMatchKind : byte { None, Exact, Fuzzy, LegalForm, Initial, Merged, Split, Acronym }

/// <summary>
/// Similarity of two normalised tokens in [0,1]: a bounded, weighted optimal-string-alignment distance. Written here
/// rather than taken from F23.StringSimilarity or Quickenshtein because screening needs costs those do not offer:
/// vowel-for-vowel and transliteration pairs (c/k/q, s/z, v/w) cost half, as do a dropped 'h' (kh/k, sh/s) and a
/// doubled letter, and a swap of neighbours costs one. It allocates nothing, which the query path needs.
/// </summary>
public static class TokenSimilarity
{
    /// <summary>Below this a token pair is not an alignment at all.</summary>
    public const float Floor = 0.7f;
    private const int MaxLength = 48;

    public static (float Similarity, TokenMatchKind Kind) Compare(in NameToken a, in NameToken b)
    {
        if (a.Role == TokenRole.LegalForm || b.Role == TokenRole.LegalForm)
            return a.Role == b.Role && a.Text == b.Text ? (1f, TokenMatchKind.LegalForm) : (0f, TokenMatchKind.None);
        if (a.Text == b.Text) return (1f, TokenMatchKind.Exact);
        if (a.Role == TokenRole.Number || b.Role == TokenRole.Number) return (0f, TokenMatchKind.None);
        if (a.Role == TokenRole.Initial || b.Role == TokenRole.Initial)
            return a.Text[0] == b.Text[0] ? (0.8f, TokenMatchKind.Initial) : (0f, TokenMatchKind.None);
        var sim = Similarity(a.Text, b.Text);
        return sim >= Floor ? (sim, TokenMatchKind.Fuzzy) : (0f, TokenMatchKind.None);
    }

    /// <summary>1 − distance / longer length, or 0 when the distance exceeds what the length allows.</summary>
    public static float Similarity(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.SequenceEqual(b)) return 1f;
        var longer = Math.Max(a.Length, b.Length);
        if (longer > MaxLength || a.Length == 0 || b.Length == 0) return 0f;
        // Short tokens may differ by one edit only after a shared start (or its swap: "emna" is "mena"), else by a
        // half-cost one (a vowel, a doubled letter, an 'h'): "ming" is not "ping", but "jonh" is "john", "afiz" "hafiz".
        var sameStart = a[0] == b[0] || (a.Length > 1 && b.Length > 1 && a[0] == b[1] && a[1] == b[0]);
        var allowed = longer <= 3 ? 0.5f : longer <= 5 ? (sameStart ? 1f : 0.5f) : longer <= 8 ? 2f : 3f;
        if (Math.Abs(a.Length - b.Length) * 0.5f > allowed) return 0f;
        var d = Distance(a, b, allowed);
        return d > allowed ? 0f : 1f - d / longer;
    }

    /// <summary>The weighted distance, or a value above <paramref name="bound"/> as soon as it is certain to exceed it.</summary>
    public static float Distance(ReadOnlySpan<char> a, ReadOnlySpan<char> b, float bound)
    {
        if (a.Length > 2 * MaxLength || b.Length > 2 * MaxLength) return bound + 1f;
        Span<float> rows = stackalloc float[3 * (b.Length + 1)];
        var prev2 = rows[..(b.Length + 1)];
        var prev = rows.Slice(b.Length + 1, b.Length + 1);
        var cur = rows.Slice(2 * (b.Length + 1), b.Length + 1);
        prev[0] = 0;
        for (var j = 1; j <= b.Length; j++) prev[j] = prev[j - 1] + IndelCost(b, j - 1);
        for (var i = 1; i <= a.Length; i++)
        {
            cur[0] = prev[0] + IndelCost(a, i - 1);
            var rowMin = cur[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var best = Math.Min(prev[j] + IndelCost(a, i - 1), cur[j - 1] + IndelCost(b, j - 1));
                best = Math.Min(best, prev[j - 1] + SubstitutionCost(a[i - 1], b[j - 1]));
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) best = Math.Min(best, prev2[j - 2] + 1f);
                cur[j] = best;
                rowMin = Math.Min(rowMin, best);
            }
            if (rowMin > bound) return bound + 1f;
            var recycled = prev2;
            prev2 = prev;
            prev = cur;
            cur = recycled;
        }
        return prev[b.Length];
    }

    private static float IndelCost(ReadOnlySpan<char> s, int i)
    {
        var c = s[i];
        if (c == 'h') return 0.5f;
        if ((i > 0 && s[i - 1] == c) || (i + 1 < s.Length && s[i + 1] == c)) return 0.5f;
        return 1f;
    }

    private static float SubstitutionCost(char x, char y)
    {
        if (x == y) return 0f;
        if (IsVowel(x) && IsVowel(y)) return 0.5f;
        return ClassOf(x) != 0 && ClassOf(x) == ClassOf(y) ? 0.5f : 1f;
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u' or 'y';

    // Letters that transliterations of the same sound swap for each other.
    private static int ClassOf(char c) => c switch
    {
        'c' or 'k' or 'q' => 1,
        's' or 'z' => 2,
        'v' or 'w' => 3,
        'j' or 'g' => 4,
        'f' or 'p' => 5,
        'd' or 't' => 6,
        _ => 0,
    };

    /// <summary>
    /// A coarse sound key used only to find candidates (never to score): first letter class, then consonant classes,
    /// vowels and 'h' dropped, repeats collapsed. Muhammad, Mohammed and Mukhammad share one.
    /// </summary>
    public static string Skeleton(string token)
    {
        Span<char> key = stackalloc char[MaxSkeletonLength];
        return new string(Skeleton(token, key));
    }

    /// <summary>The longest skeleton: only the first <see cref="MaxSkeletonLength"/> characters of a token count.</summary>
    public const int MaxSkeletonLength = MaxLength;

    /// <summary>The skeleton written into <paramref name="key"/> (at least <see cref="MaxSkeletonLength"/> long), without allocating.</summary>
    public static ReadOnlySpan<char> Skeleton(ReadOnlySpan<char> token, Span<char> key)
    {
        var length = Math.Min(token.Length, MaxLength);
        var n = 0;
        for (var i = 0; i < length; i++)
        {
            var c = token[i];
            if (i > 0 && (IsVowel(c) || c == 'h' || c == 'w')) continue;
            var mapped = i == 0 && IsVowel(c) ? 'a' : ClassOf(c) switch { 1 => 'k', 2 => 's', 3 => 'v', 4 => 'j', 5 => 'f', 6 => 't', _ => c };
            if (n > 0 && key[n - 1] == mapped) continue;
            key[n++] = mapped;
        }
        return key[..n];
    }
}
