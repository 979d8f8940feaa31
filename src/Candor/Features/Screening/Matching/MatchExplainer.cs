using Candor.Features.Screening.Lists;

namespace Candor.Features.Screening.Matching;

/// <summary>Turns an alignment into the explanation a reviewer reads: which query token met which list token, how, and what else moved the score.</summary>
internal static class MatchExplainer
{
    public static ScreeningMatch Explain(ListEntry entry, ScreeningIndex.IndexedName name, WeightedName query, NameScore score,
        double final, IReadOnlyList<ScoreAdjustment> adjustments, IReadOnlyList<string> corroborations)
    {
        var q = query.Tokens;
        var c = name.Weighted.Tokens;
        var tokens = new List<TokenExplanation>(q.Length);
        uint usedC = 0;
        for (var i = 0; i < q.Length; i++)
        {
            var pair = score.Pairs.FirstOrDefault(p => (p.QueryTokens & (1u << i)) != 0);
            usedC |= pair.NameTokens;
            tokens.Add(pair.Kind == TokenMatchKind.None
                ? new TokenExplanation(q[i].Surface, null, 0, "unmatched", Round(query.Weights[i]))
                : new TokenExplanation(q[i].Surface, Join(c, pair.NameTokens), Round(pair.Similarity), KindName(pair.Kind), Round(query.Weights[i])));
        }
        var unmatched = c.Where((_, j) => (usedC & (1u << j)) == 0).Select(t => t.Surface).ToList();
        // The name score shown is the alignment's; a contradiction between leftover words is listed first among the
        // adjustments, so that score = name score + adjustments still holds.
        IReadOnlyList<ScoreAdjustment> all = Conflict(q, c, score) is { } conflict ? [conflict, .. adjustments] : adjustments;
        return new ScreeningMatch(
            entry.List, entry.SourceId, entry.PrimaryName, name.Text, NameKind(name.Kind), entry.Type, Round(final),
            new MatchExplanation(tokens, unmatched, Round(score.Alignment), Round(score.QueryCoverage), Round(score.NameCoverage),
                LegalForms(q, c, score.Pairs), all, corroborations))
        { EntryKey = entry.EntryKey };
    }

    /// <summary>The conflict cost as a reviewer reads it: "query 'rawi' contradicts list 'tikriti'", or null when there is none.</summary>
    public static ScoreAdjustment? Conflict(NameToken[] q, NameToken[] c, NameScore score)
    {
        if (score.Conflict <= 0) return null;
        var (queryWords, listWords) = score.Conflicting;
        return new ScoreAdjustment(
            $"query {Quoted(q, queryWords)} contradicts list {Quoted(c, listWords)} (words left over on both sides)", -Round(score.Conflict));
    }

    private static string Quoted(NameToken[] tokens, uint mask) =>
        string.Join(", ", tokens.Where((_, j) => (mask & (1u << j)) != 0).Select(t => $"'{t.Surface}'"));

    private static string LegalForms(NameToken[] q, NameToken[] c, TokenPair[] pairs)
    {
        var queryForms = q.Where(t => t.Role == TokenRole.LegalForm).ToList();
        var listForms = c.Where(t => t.Role == TokenRole.LegalForm).ToList();
        if (queryForms.Count == 0 && listForms.Count == 0) return "none";
        var aligned = pairs.Where(p => p.Kind == TokenMatchKind.LegalForm).Select(p => c[Lowest(p.NameTokens)]).ToList();
        var parts = new List<string>();
        foreach (var t in aligned) parts.Add($"same family '{t.Text}'");
        var extraQ = queryForms.Where(t => !aligned.Any(a => a.Text == t.Text)).Select(t => t.Surface).Distinct().ToList();
        var extraC = listForms.Where(t => !aligned.Any(a => a.Text == t.Text)).Select(t => t.Surface).Distinct().ToList();
        if (extraQ.Count > 0) parts.Add($"query only: {string.Join(", ", extraQ)}");
        if (extraC.Count > 0) parts.Add($"list only: {string.Join(", ", extraC)}");
        return string.Join("; ", parts) + $" (legal forms weigh {TokenWeights.LegalForm} each)";
    }

    private static int Lowest(uint mask) => System.Numerics.BitOperations.TrailingZeroCount(mask);

    private static string Join(NameToken[] tokens, uint mask) =>
        string.Join(' ', tokens.Where((_, j) => (mask & (1u << j)) != 0).Select(t => t.Text));

    private static string KindName(TokenMatchKind kind) => kind switch
    {
        TokenMatchKind.LegalForm => "legal-form",
        _ => kind.ToString().ToLowerInvariant(),
    };

    public static string NameKind(AliasKind? kind) => kind switch
    {
        null => "primary",
        AliasKind.OriginalScript => "original-script",
        _ => kind.Value.ToString().ToLowerInvariant(),
    };

    private static double Round(double value) => Math.Round(value, 3);
}
