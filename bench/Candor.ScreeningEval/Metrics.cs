namespace Candor.ScreeningEval;

internal readonly record struct Counts(int TruePositive, int FalsePositive, int FalseNegative, int TrueNegative)
{
    public double Precision => TruePositive + FalsePositive == 0 ? 1 : (double)TruePositive / (TruePositive + FalsePositive);
    public double Recall => TruePositive + FalseNegative == 0 ? 0 : (double)TruePositive / (TruePositive + FalseNegative);
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    /// <summary>Scores of positives and negatives, cut at a threshold.</summary>
    public static Counts At(IEnumerable<double> positives, IEnumerable<double> negatives, double threshold)
    {
        int tp = 0, fn = 0, fp = 0, tn = 0;
        foreach (var s in positives) if (s >= threshold) tp++; else fn++;
        foreach (var s in negatives) if (s >= threshold) fp++; else tn++;
        return new Counts(tp, fp, fn, tn);
    }

    public static double BestThreshold(IReadOnlyList<double> positives, IReadOnlyList<double> negatives) =>
        Enumerable.Range(50, 46).Select(i => i / 100.0).MaxBy(t => At(positives, negatives, t).F1);

    public override string ToString() =>
        FormattableString.Invariant($"{Precision:0.000} | {Recall:0.000} | {F1:0.000} | TP {TruePositive}, FP {FalsePositive}, FN {FalseNegative}, TN {TrueNegative}");
}
