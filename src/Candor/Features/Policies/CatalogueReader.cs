using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Candor.Features.Decisions.Tdb;
using Candor.Features.Rules;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Candor.Features.Policies;

/// <summary>
/// Reads a catalogue directory: every <c>*.yaml</c>/<c>*.yml</c> at its top is one policy, every file in
/// <c>lists/</c> one list. All files are checked and every problem is reported (file, line, reason); a catalogue with
/// any problem is refused whole.
/// </summary>
public static partial class CatalogueReader
{
    public sealed record SourceFile(string Name, string Text);

    public static (PolicyCatalogue? Catalogue, List<CatalogueError> Errors) ReadDirectory(string directory)
    {
        if (!Directory.Exists(directory)) return (null, [new CatalogueError(directory, 0, "no such directory")]);
        var policies = YamlFiles(directory).Select(f => new SourceFile(Path.GetFileName(f), File.ReadAllText(f))).ToList();
        var listsDir = Path.Combine(directory, "lists");
        var lists = Directory.Exists(listsDir)
            ? YamlFiles(listsDir).Select(f => new SourceFile("lists/" + Path.GetFileName(f), File.ReadAllText(f))).ToList()
            : [];
        if (policies.Count == 0) return (null, [new CatalogueError(directory, 0, "holds no policy file (*.yaml or *.yml)")]);
        return Read(policies, lists);
    }

    public static (PolicyCatalogue? Catalogue, List<CatalogueError> Errors) Read(IReadOnlyList<SourceFile> policyFiles, IReadOnlyList<SourceFile> listFiles)
    {
        var errors = new List<CatalogueError>();
        var lists = new Dictionary<string, NamedList>(StringComparer.Ordinal);
        foreach (var file in listFiles)
            Guard(errors, file.Name, () =>
            {
                var list = ReadList(Load(file.Text));
                if (!lists.TryAdd(list.Id, list)) throw new RuleSyntaxException(1, $"list id '{list.Id}' is used by another list file");
            });
        return ReadPolicies(policyFiles, lists, errors);
    }

    /// <summary>Policies read against lists already known (those stored with an import).</summary>
    public static (PolicyCatalogue? Catalogue, List<CatalogueError> Errors) ReadPolicies(
        IReadOnlyList<SourceFile> policyFiles, IReadOnlyDictionary<string, NamedList> lists, List<CatalogueError>? errors = null)
    {
        errors ??= [];
        var policies = new List<PolicyDefinition>();
        foreach (var file in policyFiles)
            Guard(errors, file.Name, () => policies.Add(ReadPolicy(file, Load(file.Text), lists)));
        CheckUniqueIds(policies, errors);
        return errors.Count == 0 ? (new PolicyCatalogue(policies, lists), errors) : (null, errors);
    }

    private static void CheckUniqueIds(List<PolicyDefinition> policies, List<CatalogueError> errors)
    {
        var policyIds = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var clauseIds = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var ruleIds = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var policy in policies)
        {
            if (!policyIds.TryAdd(policy.Id, policy.SourceFile))
                errors.Add(new(policy.SourceFile, LineOf(policy.SourceText, "id:"), $"policy id '{policy.Id}' is also claimed by {policyIds[policy.Id]}"));
            foreach (var clause in policy.Clauses)
            {
                if (!clauseIds.TryAdd(clause.Id, policy.SourceFile))
                    errors.Add(new(policy.SourceFile, LineOf(policy.SourceText, clause.Id), $"clause id '{clause.Id}' is also claimed by {clauseIds[clause.Id]}"));
                foreach (var rule in clause.Rules)
                    if (!ruleIds.TryAdd(rule.Id, policy.SourceFile))
                        errors.Add(new(policy.SourceFile, LineOf(policy.SourceText, rule.Id), $"rule id '{rule.Id}' is also used in {ruleIds[rule.Id]}"));
            }
        }
    }

    internal static long LineOf(string text, string needle)
    {
        var index = text.IndexOf(needle, StringComparison.Ordinal);
        return index < 0 ? 0 : text.AsSpan(0, index).Count('\n') + 1;
    }

    private static void Guard(List<CatalogueError> errors, string file, Action read)
    {
        try
        {
            read();
        }
        catch (RuleSyntaxException ex)
        {
            errors.Add(new CatalogueError(file, ex.Line, ex.Message));
        }
        catch (YamlException ex)
        {
            errors.Add(new CatalogueError(file, ex.Start.Line, "malformed YAML: " + (ex.InnerException?.Message ?? ex.Message)));
        }
        catch (InvalidOperationException ex)
        {
            // YamlDotNet reports some broken documents (e.g. unclosed flow collections) this way, without a position.
            errors.Add(new CatalogueError(file, 0, "malformed YAML: " + ex.Message));
        }
    }

    private static YamlMappingNode Load(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        if (stream.Documents.Count != 1) throw new RuleSyntaxException(1, "a file holds exactly one YAML document");
        return stream.Documents[0].RootNode as YamlMappingNode ?? throw new RuleSyntaxException(1, "the file's top level is a mapping (id: …, title: …)");
    }

    private static NamedList ReadList(YamlMappingNode root)
    {
        var map = new Mapping(root, "list");
        var id = map.Id("id");
        var kindNode = map.Required("kind");
        if (!Enum.TryParse<ListKind>(RuleCompiler.Scalar(kindNode), ignoreCase: true, out var kind) || int.TryParse(RuleCompiler.Scalar(kindNode), CultureInfo.InvariantCulture, out _))
            throw RuleCompiler.Error(kindNode, "kind is terms, domains, countries or screening");
        var itemsNode = map.Optional("items");
        var items = itemsNode is null ? [] : RuleCompiler.Strings(itemsNode).Select(i => i.Trim()).Where(i => i.Length > 0).ToList();
        if (kind != ListKind.Screening && items.Count == 0) throw RuleCompiler.Error(root, $"list '{id}' has no items");
        map.Optional("description");
        map.Done();
        return new NamedList(id, kind, items);
    }

    private static PolicyDefinition ReadPolicy(SourceFile file, YamlMappingNode root, IReadOnlyDictionary<string, NamedList> lists)
    {
        var map = new Mapping(root, "policy");
        var id = map.Id("id");
        var title = map.Text("title");
        var versionNode = map.Required("version");
        var version = RuleCompiler.Scalar(versionNode).Trim();
        if (!PolicyVersions.IsValid(version)) throw RuleCompiler.Error(versionNode, $"version '{version}' is not a dotted number such as 3, 1.2 or 2.0.1");
        var effectiveNode = map.Required("effective_from");
        if (!DateTimeOffset.TryParse(RuleCompiler.Scalar(effectiveNode), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var effective))
            throw RuleCompiler.Error(effectiveNode, "effective_from is a date (2026-01-31) or an instant with offset");
        var summary = map.Text("summary");
        var clausesNode = map.Required("clauses");
        if (clausesNode is not YamlSequenceNode { Children.Count: > 0 } clauses) throw RuleCompiler.Error(clausesNode, "clauses is a non-empty list");
        map.Done();
        var compiled = clauses.Children.Select(c => ReadClause(c, lists)).ToList();
        return new PolicyDefinition(id, title, version, effective, summary, compiled, file.Name, file.Text);
    }

    private static ClauseDefinition ReadClause(YamlNode node, IReadOnlyDictionary<string, NamedList> lists)
    {
        var map = new Mapping(node as YamlMappingNode ?? throw RuleCompiler.Error(node, "a clause is a mapping (id, title, text, dsa, rules)"), "clause");
        var id = map.Id("id");
        var title = map.Text("title");
        var text = map.Text("text");
        var dsa = ReadDsa(map.Required("dsa"));
        var automationNode = map.Optional("automation_may_decide");
        var automation = automationNode is not null && Bool(automationNode);
        var onHitNode = map.Optional("on_hit");
        var onHit = onHitNode is null ? ClauseOutcome.Review
            : Enum.TryParse<ClauseOutcome>(RuleCompiler.Scalar(onHitNode), ignoreCase: true, out var o) && !int.TryParse(RuleCompiler.Scalar(onHitNode), CultureInfo.InvariantCulture, out _) ? o
            : throw RuleCompiler.Error(onHitNode, "on_hit is decide, review or record");
        if (onHit == ClauseOutcome.Decide && !automation)
            throw RuleCompiler.Error(onHitNode!, $"clause '{id}' sets on_hit: decide but not automation_may_decide: true; automated decisions need the clause's explicit permission");
        var rulesNode = map.Optional("rules");
        var rules = rulesNode switch
        {
            null => [],
            YamlSequenceNode seq => seq.Children.Select(r => ReadRule(r, lists)).ToList(),
            _ => throw RuleCompiler.Error(rulesNode, "rules is a list"),
        };
        map.Done();
        return new ClauseDefinition(id, title, text, dsa, automation, onHit, rules);
    }

    private static DsaMapping ReadDsa(YamlNode node)
    {
        var map = new Mapping(node as YamlMappingNode ?? throw RuleCompiler.Error(node, "dsa is a mapping (decision_ground, category, …)"), "dsa");
        var groundNode = map.Required("decision_ground");
        var ground = RuleCompiler.Scalar(groundNode);
        if (!TdbEnums.DecisionGrounds.Contains(ground)) throw RuleCompiler.Error(groundNode, $"decision_ground is one of {string.Join(", ", TdbEnums.DecisionGrounds)}");
        var categoryNode = map.Optional("category");
        var category = categoryNode is null ? null : RuleCompiler.Scalar(categoryNode);
        if (categoryNode is not null && !TdbEnums.Categories.Contains(category!)) throw RuleCompiler.Error(categoryNode, $"'{category}' is not a Transparency Database category");
        var keywords = Checked(map.Optional("keywords"), TdbEnums.Keywords, "keyword");
        var restrictions = Checked(map.Optional("restrictions"), new HashSet<string>(TdbEnums.DecisionVisibilities.Concat(TdbEnums.DecisionMonetaries)
            .Concat(TdbEnums.DecisionProvisions).Concat(TdbEnums.DecisionAccounts), StringComparer.Ordinal), "restriction");
        var durationNode = map.Optional("duration_days");
        int? duration = null;
        if (durationNode is not null)
            duration = int.TryParse(RuleCompiler.Scalar(durationNode), CultureInfo.InvariantCulture, out var d) && d is > 0 and <= 36_500 ? d
                : throw RuleCompiler.Error(durationNode, "duration_days is a whole number of days from 1 to 36500 (leave it out for an indefinite restriction)");
        map.Done();
        return new DsaMapping(ground, category, keywords, restrictions, duration);
    }

    private static List<string> Checked(YamlNode? node, IReadOnlySet<string> allowed, string what)
    {
        if (node is null) return [];
        var values = RuleCompiler.Strings(node);
        foreach (var v in values)
            if (!allowed.Contains(v)) throw RuleCompiler.Error(node, $"'{v}' is not a Transparency Database {what}");
        return values;
    }

    private static RuleDefinition ReadRule(YamlNode node, IReadOnlyDictionary<string, NamedList> lists)
    {
        var map = new Mapping(node as YamlMappingNode ?? throw RuleCompiler.Error(node, "a rule is a mapping (id, when)"), "rule");
        var id = map.Id("id");
        var descriptionNode = map.Optional("description");
        var appliesNode = map.Optional("applies_to");
        var applies = appliesNode is null ? RuleSubjectKind.Ad
            : Enum.TryParse<RuleSubjectKind>(RuleCompiler.Scalar(appliesNode), ignoreCase: true, out var k) && !int.TryParse(RuleCompiler.Scalar(appliesNode), CultureInfo.InvariantCulture, out _) ? k
            : throw RuleCompiler.Error(appliesNode, "applies_to is ad or advertiser");
        var modeNode = map.Optional("mode");
        var shadow = modeNode is not null && (RuleCompiler.Scalar(modeNode) switch
        {
            "live" => false,
            "shadow" => true,
            _ => throw RuleCompiler.Error(modeNode, "mode is live or shadow"),
        });
        var when = map.Required("when");
        var compiled = new RuleCompiler(lists).Compile(when);
        map.Done();
        return new RuleDefinition(id, descriptionNode is null ? null : RuleCompiler.Scalar(descriptionNode), applies, shadow, YamlJson.ToJson(when), compiled);
    }

    private static bool Bool(YamlNode node) => RuleCompiler.Scalar(node) switch
    {
        "true" => true,
        "false" => false,
        _ => throw RuleCompiler.Error(node, "expected true or false"),
    };

    private static IEnumerable<string> YamlFiles(string directory) =>
        Directory.EnumerateFiles(directory).Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal);

    /// <summary>A mapping whose keys are read one by one; <see cref="Done"/> refuses keys nobody read (typos).</summary>
    private sealed partial class Mapping(YamlMappingNode map, string what)
    {
        private readonly HashSet<string> _read = new(StringComparer.Ordinal);

        public YamlNode? Optional(string key)
        {
            _read.Add(key);
            return map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;
        }

        public YamlNode Required(string key) => Optional(key) ?? throw RuleCompiler.Error(map, $"the {what} needs '{key}'");

        public string Text(string key)
        {
            var node = Required(key);
            var text = RuleCompiler.Scalar(node).Trim();
            return text.Length == 0 ? throw RuleCompiler.Error(node, $"'{key}' is empty") : text;
        }

        public string Id(string key)
        {
            var node = Required(key);
            var id = RuleCompiler.Scalar(node).Trim();
            return IdShape().IsMatch(id) ? id : throw RuleCompiler.Error(node, $"'{id}' is not a valid id (letters, digits, '.', '-', '_'; at most 64)");
        }

        public void Done()
        {
            foreach (var key in map.Children.Keys)
                if (!_read.Contains(RuleCompiler.Scalar(key))) throw RuleCompiler.Error(key, $"the {what} has no field '{RuleCompiler.Scalar(key)}'");
        }

        [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", RegexOptions.CultureInvariant)]
        private static partial Regex IdShape();
    }
}
