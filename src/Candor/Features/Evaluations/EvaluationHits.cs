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

    /// <summary>
    /// The API's JSON options allow 16 levels; a tree of a rule nested 12 conditions deep needs about 30 (each level is an
    /// object and its children array), so stored hits and the read API use the same options with room for them.
    /// </summary>
    public static readonly JsonSerializerOptions Options = CandorJson.Frozen(new(CandorJson.Output) { MaxDepth = 64 });

    public static string ToJson(IEnumerable<RuleHit> hits) =>
        JsonSerializer.Serialize(hits.Select(ToStored).ToList(), Options);

    public static IReadOnlyList<SimulatedHit> Read(string json) =>
        JsonSerializer.Deserialize<List<SimulatedHit>>(json, Options) ?? [];
}
