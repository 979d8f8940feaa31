namespace Candor.Features.Rules;

/// <summary>
/// One node of an evaluation tree: which predicate ran, with which arguments (inputs), what it saw in the subject
/// (values) and what it answered. Stored with every evaluation so a past decision can be justified in detail.
/// </summary>
public sealed record Explanation(
    string Predicate,
    IReadOnlyDictionary<string, string> Inputs,
    IReadOnlyList<string> Values,
    bool Result,
    IReadOnlyList<Explanation> Children)
{
    public static Explanation Leaf(string predicate, IReadOnlyDictionary<string, string> inputs, IReadOnlyList<string> values, bool result) =>
        new(predicate, inputs, values, result, []);

    /// <summary>The values of the leaves that made the answer true: the evidence a decision's facts are written from.</summary>
    public IEnumerable<Explanation> Evidence()
    {
        if (!Result) yield break;
        // A true "not" is evidence as a whole: its child shows what was absent.
        if (Children.Count == 0 || Predicate == "not")
        {
            yield return this;
            yield break;
        }
        foreach (var child in Children)
            foreach (var leaf in child.Evidence())
                yield return leaf;
    }
}
