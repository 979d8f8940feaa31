using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Candor.Features.Rules;

/// <summary>A rule or policy file that cannot be accepted, with the line (1-based) that shows why.</summary>
public sealed class RuleSyntaxException(long line, string message) : Exception(message)
{
    public long Line { get; } = line;
}

/// <summary>
/// Turns a rule condition written in YAML (or JSON, which is YAML) into a <see cref="RuleNode"/>. A condition is a
/// mapping with exactly one key, the predicate, whose value holds its arguments. Every name is checked here, at
/// import, so evaluation never meets an unknown predicate, field or list.
/// </summary>
public sealed class RuleCompiler(IReadOnlyDictionary<string, NamedList> lists)
{
    public const int MaxDepth = 12;
    public const int MaxNodes = 200;

    public static readonly IReadOnlyList<string> Predicates =
    [
        "all", "any", "not", "text_contains", "text_matches", "landing_domain_in", "screening_match", "targets_minors",
        "targets_special_category", "advertiser_country_in", "compare",
    ];

    private int _nodes;

    public RuleNode Compile(YamlNode node) => Compile(node, 0);

    private RuleNode Compile(YamlNode node, int depth)
    {
        if (depth > MaxDepth) throw Error(node, $"conditions nest deeper than {MaxDepth} levels");
        if (++_nodes > MaxNodes) throw Error(node, $"a rule has more than {MaxNodes} conditions");
        if (node is not YamlMappingNode { Children.Count: 1 } map)
            throw Error(node, $"a condition is a mapping with exactly one predicate ({string.Join(", ", Predicates)})");
        var (keyNode, args) = map.Children.First();
        var name = ((YamlScalarNode)keyNode).Value ?? "";
        return name switch
        {
            "all" => new AllNode(Parts(args, depth)),
            "any" => new AnyNode(Parts(args, depth)),
            "not" => new NotNode(Compile(args, depth + 1)),
            "text_contains" => TextContains(Args(args, name)),
            "text_matches" => TextMatches(Args(args, name)),
            "landing_domain_in" => LandingDomain(Args(args, name)),
            "screening_match" => Screening(Args(args, name)),
            "targets_minors" => Minors(Args(args, name, optional: true)),
            "targets_special_category" => SpecialCategory(Args(args, name, optional: true)),
            "advertiser_country_in" => Country(Args(args, name)),
            "compare" => Compare(Args(args, name)),
            _ => throw Error(keyNode, $"unknown predicate '{name}'; known: {string.Join(", ", Predicates)}"),
        };
    }

    private List<RuleNode> Parts(YamlNode args, int depth)
    {
        if (args is not YamlSequenceNode { Children.Count: > 0 } seq) throw Error(args, "'all' and 'any' take a non-empty list of conditions");
        return seq.Children.Select(c => Compile(c, depth + 1)).ToList();
    }

    private static TextContainsNode TextContains(Arguments a)
    {
        var fields = a.Fields("fields", [RuleField.Title, RuleField.Body]);
        var (name, items) = a.ListOrInline("list", "terms", ListKind.Terms);
        a.Done();
        return new TextContainsNode(fields, name, new TermMatcher(items));
    }

    private static TextMatchesNode TextMatches(Arguments a)
    {
        var fields = a.Fields("fields", [RuleField.Title, RuleField.Body]);
        var patternNode = a.Required("pattern");
        var (regex, problem) = RegexSafety.Build(Scalar(patternNode));
        a.Done();
        return regex is null ? throw Error(patternNode, problem!) : new TextMatchesNode(fields, regex);
    }

    private static LandingDomainNode LandingDomain(Arguments a)
    {
        var (name, items) = a.ListOrInline("list", "domains", ListKind.Domains);
        a.Done();
        return new LandingDomainNode(name, items);
    }

    private static AdvertiserCountryNode Country(Arguments a)
    {
        var (name, items) = a.ListOrInline("list", "countries", ListKind.Countries);
        foreach (var c in items)
            if (c.Length != 2 || !Infrastructure.IsoCodes.Countries.Contains(c.ToUpperInvariant()))
                throw Error(a.Node, $"'{c}' is not an ISO 3166-1 alpha-2 country code");
        a.Done();
        return new AdvertiserCountryNode(name, items);
    }

    private ScreeningMatchNode Screening(Arguments a)
    {
        var partyNode = a.Optional("party");
        var party = partyNode is null ? ScreenedParty.Advertiser
            : Enum.TryParse<ScreenedParty>(Scalar(partyNode), ignoreCase: true, out var p) ? p
            : throw Error(partyNode, "party is advertiser, payer or beneficiary");
        var listNode = a.Required("list");
        var list = Scalar(listNode);
        if (!lists.TryGetValue(list, out var named)) throw Error(listNode, $"no list '{list}' in the catalogue's lists");
        if (named.Kind != ListKind.Screening) throw Error(listNode, $"list '{list}' is a {named.Kind.ToString().ToLowerInvariant()} list, not a screening list");
        var scoreNode = a.Required("min_score");
        if (!double.TryParse(Scalar(scoreNode), NumberStyles.Float, CultureInfo.InvariantCulture, out var min) || min is <= 0 or > 1)
            throw Error(scoreNode, "min_score is a number above 0 and at most 1");
        a.Done();
        return new ScreeningMatchNode(party, list, min);
    }

    private static TargetsMinorsNode Minors(Arguments a)
    {
        var underNode = a.Optional("under");
        var under = 18;
        if (underNode is not null && (!int.TryParse(Scalar(underNode), CultureInfo.InvariantCulture, out under) || under is < 1 or > 25))
            throw Error(underNode, "under is an age between 1 and 25");
        a.Done();
        return new TargetsMinorsNode(under);
    }

    private TargetsSpecialCategoryNode SpecialCategory(Arguments a)
    {
        var categoriesNode = a.Optional("categories");
        var categories = categoriesNode is null ? Enum.GetValues<SpecialCategory>().ToList()
            : Strings(categoriesNode).Select(c => Enum.TryParse<SpecialCategory>(c.Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out var sc)
                ? sc : throw Error(categoriesNode, $"unknown special category '{c}'; known: health, religion, political_opinion, sexual_orientation, ethnicity, trade_union")).ToList();
        var extraNode = a.Optional("extra_terms");
        TermMatcher? extra = null;
        string? extraName = null;
        if (extraNode is not null)
        {
            extraName = Scalar(extraNode);
            extra = new TermMatcher(Named(extraNode, extraName, ListKind.Terms).Items);
        }
        a.Done();
        return new TargetsSpecialCategoryNode(categories, extra, extraName);
    }

    private static CompareNode Compare(Arguments a)
    {
        var field = a.Field("field");
        var opNode = a.Required("op");
        if (!Enum.TryParse<CompareOp>(Scalar(opNode), ignoreCase: true, out var op) || int.TryParse(Scalar(opNode), CultureInfo.InvariantCulture, out _))
            throw Error(opNode, "op is one of missing, present, eq, ne, gt, ge, lt, le, in");
        var valueNode = a.Optional("value");
        IReadOnlyList<string> values = valueNode switch
        {
            null when op is CompareOp.Missing or CompareOp.Present => [],
            null => throw Error(opNode, $"op '{Scalar(opNode)}' needs a value"),
            YamlSequenceNode when op == CompareOp.In => Strings(valueNode),
            YamlScalarNode s when op != CompareOp.In => [s.Value ?? ""],
            _ => throw Error(valueNode, op == CompareOp.In ? "op 'in' takes a list of values" : "value is a single value"),
        };
        a.Done();
        return new CompareNode(field, op, values);
    }

    private NamedList Named(YamlNode at, string name, ListKind kind)
    {
        if (!lists.TryGetValue(name, out var list)) throw Error(at, $"no list '{name}' in the catalogue's lists");
        if (list.Kind != kind) throw Error(at, $"list '{name}' is a {list.Kind.ToString().ToLowerInvariant()} list, not a {kind.ToString().ToLowerInvariant()} list");
        return list;
    }

    internal static string Scalar(YamlNode node) =>
        node is YamlScalarNode s ? s.Value ?? "" : throw Error(node, "expected a single value here");

    internal static List<string> Strings(YamlNode node) => node switch
    {
        YamlSequenceNode seq => seq.Children.Select(Scalar).ToList(),
        YamlScalarNode s => [s.Value ?? ""],
        _ => throw Error(node, "expected a list of values here"),
    };

    internal static RuleSyntaxException Error(YamlNode node, string message) => new(node.Start.Line, message);

    private Arguments Args(YamlNode node, string predicate, bool optional = false) => node switch
    {
        YamlMappingNode map => new Arguments(this, map, predicate),
        YamlScalarNode { Value: null or "" } when optional => new Arguments(this, new YamlMappingNode(), predicate),
        _ => throw Error(node, $"'{predicate}' takes a mapping of arguments"),
    };

    /// <summary>The arguments of one predicate; <see cref="Done"/> refuses any argument nobody asked for (a typo).</summary>
    private sealed class Arguments(RuleCompiler compiler, YamlMappingNode map, string predicate)
    {
        private readonly HashSet<string> _read = new(StringComparer.Ordinal);

        public YamlMappingNode Node => map;

        public YamlNode? Optional(string key)
        {
            _read.Add(key);
            return map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;
        }

        public YamlNode Required(string key) => Optional(key) ?? throw Error(map, $"'{predicate}' needs '{key}'");

        public RuleField Field(string key)
        {
            var node = Required(key);
            return RuleFields.TryParse(Scalar(node), out var field) ? field
                : throw Error(node, $"unknown field '{Scalar(node)}'; known: {string.Join(", ", RuleFields.Names)}");
        }

        public IReadOnlyList<RuleField> Fields(string key, IReadOnlyList<RuleField> fallback)
        {
            var node = Optional(key);
            if (node is null) return fallback;
            return Strings(node).Select(name => RuleFields.TryParse(name, out var f) ? f
                : throw Error(node, $"unknown field '{name}'; known: {string.Join(", ", RuleFields.Names)}")).ToList();
        }

        /// <summary>Either a named list (<paramref name="listKey"/>) or values written inline (<paramref name="inlineKey"/>).</summary>
        public (string Name, IReadOnlyList<string> Items) ListOrInline(string listKey, string inlineKey, ListKind kind)
        {
            var named = Optional(listKey);
            var inline = Optional(inlineKey);
            if ((named is null) == (inline is null)) throw Error(map, $"'{predicate}' needs either '{listKey}' or '{inlineKey}'");
            if (inline is not null)
            {
                var items = Strings(inline);
                return items.Count == 0 ? throw Error(inline, $"'{inlineKey}' is empty") : ("(inline)", items);
            }
            var name = Scalar(named!);
            return (name, compiler.Named(named!, name, kind).Items);
        }

        public void Done()
        {
            foreach (var key in map.Children.Keys)
                if (!_read.Contains(Scalar(key))) throw Error(key, $"'{predicate}' has no argument '{Scalar(key)}'");
        }
    }
}
