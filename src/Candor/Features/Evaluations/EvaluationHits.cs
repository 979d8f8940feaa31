using System.Text.Json;
using Candor.Features.Rules;
using Candor.Infrastructure;

namespace Candor.Features.Evaluations;

/// <summary>
/// How hits are stored in <see cref="Evaluation.HitsJson"/>: the same shape as <c>candor rules test --json</c> prints
/// (clause_id, rule_id, policy_id, policy_version, on_hit, shadow, evidence, tree), so an author's simulation and a
/// stored evaluation read the same.
/// </summary>
public static class EvaluationHits
{
    public static SimulatedHit ToStored(RuleHit hit) => new(hit.ClauseId, hit.RuleId, hit.PolicyId, hit.PolicyVersion,
        JsonNamingPolicy.SnakeCaseLower.ConvertName(hit.OnHit.ToString()), hit.Shadow, hit.Evidence, hit.Tree);

    public static string ToJson(IEnumerable<RuleHit> hits) =>
        JsonSerializer.Serialize(hits.Select(ToStored).ToList(), CandorJson.Output);

    public static IReadOnlyList<SimulatedHit> Read(string json) =>
        JsonSerializer.Deserialize<List<SimulatedHit>>(json, CandorJson.Output) ?? [];
}
