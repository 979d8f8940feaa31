using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Candor.Features.Screening.Matching;

/// <summary>
/// How much a token says about identity: rare words a lot, common ones ("al", "bank", "mohammad") less, legal forms,
/// stopwords and initials little. Inverse document frequency over all indexed names, damped so that a common
/// word still counts.
/// </summary>
public sealed class TokenWeights
{
    public const float LegalForm = 0.4f;
    public const float Stopword = 0.3f;
    public const float Initial = 0.4f;
    public const float Number = 0.8f;

    private readonly Dictionary<string, int> _documentFrequency;
    private readonly int _documents;

    private TokenWeights(Dictionary<string, int> documentFrequency, int documents)
    {
        _documentFrequency = documentFrequency;
        _documents = Math.Max(1, documents);
    }

    /// <summary>Uniform weights for words, for scoring pairs without any list statistics.</summary>
    public static readonly TokenWeights Uniform = new([], 1);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // see ScreeningIndex.Build
    public static TokenWeights From(IEnumerable<NameToken[]> names)
    {
        var df = new Dictionary<string, int>(StringComparer.Ordinal);
        var documents = 0;
        foreach (var tokens in names)
        {
            documents++;
            for (var i = 0; i < tokens.Length; i++)
                if (tokens[i].Role == TokenRole.Word && !SeenBefore(tokens, i))
                    CollectionsMarshal.GetValueRefOrAddDefault(df, tokens[i].Text, out _)++;
        }
        return new TokenWeights(df, documents);
    }

    // A word counts once per name, however often the name repeats it. Names are short: a scan beats a set.
    private static bool SeenBefore(NameToken[] tokens, int i)
    {
        for (var k = 0; k < i; k++)
            if (tokens[k].Role == TokenRole.Word && tokens[k].Text == tokens[i].Text) return true;
        return false;
    }

    /// <summary>The weight of a word never seen in the lists: as rare as a word can be.</summary>
    public float Unseen => Idf(0);

    public float Of(in NameToken token) => token.Role switch
    {
        TokenRole.LegalForm => LegalForm,
        TokenRole.Stopword => Stopword,
        TokenRole.Initial => Initial,
        TokenRole.Number => Number,
        _ => _documents == 1 ? 1f : Idf(_documentFrequency.GetValueOrDefault(token.Text)),
    };

    public bool IsKnown(string word) => _documentFrequency.ContainsKey(word);

    public WeightedName Weigh(NameToken[] tokens)
    {
        var weights = new float[tokens.Length];
        for (var i = 0; i < tokens.Length; i++) weights[i] = Of(tokens[i]);
        return new WeightedName(tokens, weights);
    }

    private float Idf(int df) => 1f + 0.5f * MathF.Log((float)_documents / (df + 1));
}
