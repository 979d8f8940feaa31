using Candor.Features.Policies;

namespace Candor.Features.Rules;

/// <summary>One rule that fired: where it sits in the catalogue, what a hit leads to, and the explanation with its evidence.</summary>
public sealed record RuleHit(
    string PolicyId,
    string PolicyVersion,
    string ClauseId,
    string RuleId,
    ClauseOutcome OnHit,
    bool Shadow,
    IReadOnlyList<string> Evidence,
    Explanation Tree);

/// <summary>
/// The rules of a catalogue, ready to evaluate. Rules first run on the fast path (no tree); only those that fire are
/// explained, so the cost of explanations follows the number of hits, not the number of rules.
/// </summary>
public sealed class RuleSet(PolicyCatalogue catalogue)
{
    private readonly (PolicyDefinition Policy, ClauseDefinition Clause, RuleDefinition Rule)[] _rules =
        catalogue.Policies.SelectMany(p => p.Clauses.SelectMany(c => c.Rules.Select(r => (p, c, r)))).ToArray();

    public string Hash { get; } = PolicyJson.RuleSetHash(catalogue.Policies, catalogue.Lists);
    public int RuleCount => _rules.Length;
    public PolicyCatalogue Catalogue => catalogue;

    public List<RuleHit> Evaluate(RuleInput input)
    {
        var hits = new List<RuleHit>();
        foreach (var (policy, clause, rule) in _rules)
        {
            if (rule.AppliesTo != input.Kind || !rule.Compiled.Test(input)) continue;
            var tree = rule.Compiled.Explain(input);
            hits.Add(new RuleHit(policy.Id, policy.Version, clause.Id, rule.Id, clause.OnHit, rule.Shadow,
                tree.Evidence().SelectMany(e => e.Values).Distinct(StringComparer.Ordinal).ToList(), tree));
        }
        return hits;
    }
}
