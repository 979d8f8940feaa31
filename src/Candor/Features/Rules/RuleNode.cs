namespace Candor.Features.Rules;

/// <summary>
/// A compiled rule condition. The language has no loops, variables, function definitions or access to anything but
/// the <see cref="RuleInput"/>, so every evaluation ends, in time linear in the rule's size and the subject's text.
/// <see cref="Test"/> is the fast path; <see cref="Explain"/> gives the same answer with the full tree.
/// </summary>
public abstract class RuleNode
{
    public abstract bool Test(RuleInput input);

    public abstract Explanation Explain(RuleInput input);
}

public sealed class AllNode(IReadOnlyList<RuleNode> children) : RuleNode
{
    private readonly RuleNode[] parts = [.. children]; // an array: a foreach over the interface allocates an enumerator per test

    public override bool Test(RuleInput input)
    {
        foreach (var part in parts)
            if (!part.Test(input)) return false;
        return true;
    }

    // Every child is explained, even after the first false one: a reviewer sees which conditions held and which did not.
    public override Explanation Explain(RuleInput input)
    {
        var children = parts.Select(p => p.Explain(input)).ToList();
        return new Explanation("all", Empty, [], children.All(c => c.Result), children);
    }

    internal static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();
}

public sealed class AnyNode(IReadOnlyList<RuleNode> children) : RuleNode
{
    private readonly RuleNode[] parts = [.. children];

    public override bool Test(RuleInput input)
    {
        foreach (var part in parts)
            if (part.Test(input)) return true;
        return false;
    }

    public override Explanation Explain(RuleInput input)
    {
        var children = parts.Select(p => p.Explain(input)).ToList();
        return new Explanation("any", AllNode.Empty, [], children.Any(c => c.Result), children);
    }
}

public sealed class NotNode(RuleNode part) : RuleNode
{
    public override bool Test(RuleInput input) => !part.Test(input);

    public override Explanation Explain(RuleInput input)
    {
        var child = part.Explain(input);
        return new Explanation("not", AllNode.Empty, [], !child.Result, [child]);
    }
}
