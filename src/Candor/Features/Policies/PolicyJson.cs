using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Candor.Features.Rules;

namespace Candor.Features.Policies;

/// <summary>The canonical JSON of a policy and of lists: what is stored, hashed and (without rule bodies) published.</summary>
public static class PolicyJson
{
    public static JsonObject Document(PolicyDefinition policy) => new()
    {
        ["id"] = policy.Id,
        ["title"] = policy.Title,
        ["version"] = policy.Version,
        ["effective_from"] = policy.EffectiveFrom.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        ["summary"] = policy.Summary,
        ["clauses"] = new JsonArray(policy.Clauses.Select(c => (JsonNode?)new JsonObject
        {
            ["id"] = c.Id,
            ["title"] = c.Title,
            ["text"] = c.Text,
            ["dsa"] = new JsonObject
            {
                ["decision_ground"] = c.Dsa.DecisionGround,
                ["category"] = c.Dsa.Category,
                ["keywords"] = Strings(c.Dsa.Keywords),
                ["restrictions"] = Strings(c.Dsa.Restrictions),
                ["duration_days"] = c.Dsa.DurationDays,
            },
            ["automation_may_decide"] = c.AutomationMayDecide,
            ["on_hit"] = Snake(c.OnHit.ToString()),
            ["rules"] = new JsonArray(c.Rules.Select(r => (JsonNode?)new JsonObject
            {
                ["id"] = r.Id,
                ["description"] = r.Description,
                ["applies_to"] = Snake(r.AppliesTo.ToString()),
                ["mode"] = r.Shadow ? "shadow" : "live",
                ["when"] = r.When.DeepClone(),
            }).ToArray()),
        }).ToArray()),
    };

    public static string ListsJson(IReadOnlyDictionary<string, NamedList> lists) =>
        new JsonObject(lists.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => KeyValuePair.Create(l.Key, (JsonNode?)new JsonObject
        {
            ["kind"] = Snake(l.Value.Kind.ToString()),
            ["items"] = Strings(l.Value.Items),
        }))).ToJsonString();

    public static Dictionary<string, NamedList> ReadLists(string json)
    {
        var lists = new Dictionary<string, NamedList>(StringComparer.Ordinal);
        foreach (var (id, node) in JsonNode.Parse(json)!.AsObject())
            lists[id] = new NamedList(id, Enum.Parse<ListKind>(node!["kind"]!.GetValue<string>(), ignoreCase: true),
                node["items"]!.AsArray().Select(i => i!.GetValue<string>()).ToList());
        return lists;
    }

    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>The rule-set hash: which policy versions and which list contents an evaluation ran with.</summary>
    public static string RuleSetHash(IEnumerable<PolicyDefinition> policies, IReadOnlyDictionary<string, NamedList> lists) =>
        Hash(string.Join('\n', policies.OrderBy(p => p.Id, StringComparer.Ordinal).Select(p => Document(p).ToJsonString())) + "\n" + ListsJson(lists));

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());

    private static string Snake(string name) => JsonNamingPolicy.SnakeCaseLower.ConvertName(name);
}
