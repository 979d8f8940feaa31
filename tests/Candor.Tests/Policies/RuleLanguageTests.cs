using Candor.Features.Ads;
using Candor.Features.Advertisers;
using Candor.Features.Rules;
using YamlDotNet.RepresentationModel;

namespace Candor.Tests.Policies;

public sealed class RuleLanguageTests
{
    private static readonly Dictionary<string, NamedList> Lists = new()
    {
        ["claims"] = new("claims", ListKind.Terms, ["miracle cure", "garantierte Rendite", "減肥"]),
        ["shorteners"] = new("shorteners", ListKind.Domains, ["bit.ly", "example.test"]),
        ["sanctions"] = new("sanctions", ListKind.Screening, []),
        ["places"] = new("places", ListKind.Countries, ["KP", "IR"]),
    };

    private static RuleNode Compile(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return new RuleCompiler(Lists).Compile(stream.Documents[0].RootNode);
    }

    private static RuleInput Ad(string? title = null, string? body = null, string? landing = null, string? payer = null,
        IReadOnlyList<TargetingCriterion>? targeting = null, string country = "DE", IScreeningFindings? screening = null) =>
        new(new AdInput("ad1", "a1", Title: title, Body: body, LandingUrl: landing, Payer: payer, Targeting: targeting),
            new AdvertiserInput("a1", "Acme GmbH", null, country, VerificationStatus: VerificationStatus.Unverified), screening);

    [Theory]
    [InlineData("Try this MIRACLE cure today", true)]
    [InlineData("Try this miracle-cure today", true)]
    [InlineData("Try this Mïracle Cüre today", true)]
    [InlineData("Try this miraclecure today", false)]
    [InlineData("a miracle, then a cure", false)]
    [InlineData("Garantierte RENDITE für alle", true)]
    [InlineData("快速減肥茶", true)]
    public void Text_contains_matches_whole_words_ignoring_case_and_accents(string body, bool expected)
    {
        var rule = Compile("text_contains: { list: claims }");

        Assert.Equal(expected, rule.Test(Ad(body: body)));
        Assert.Equal(expected, rule.Explain(Ad(body: body)).Result);
    }

    [Fact]
    public void Explanation_names_the_predicate_its_inputs_and_the_values_it_saw()
    {
        var tree = Compile("all: [ { text_contains: { fields: [title], list: claims } }, { not: { compare: { field: payer, op: present } } } ]")
            .Explain(Ad(title: "The miracle cure", payer: null));

        Assert.True(tree.Result);
        Assert.Equal("all", tree.Predicate);
        var text = tree.Children[0];
        Assert.Equal("text_contains", text.Predicate);
        Assert.Equal("claims", text.Inputs["list"]);
        Assert.Equal(["title: \"miracle cure\""], text.Values);
        Assert.Equal("compare", tree.Children[1].Children[0].Predicate);
        Assert.Equal(["payer: (empty)"], tree.Children[1].Children[0].Values);
        Assert.Contains(tree.Evidence(), e => e.Predicate == "not");
    }

    [Theory]
    [InlineData("https://bit.ly/x", true)]
    [InlineData("https://www.bit.ly/x", true)]
    [InlineData("https://shop.example.test/x", true)]
    [InlineData("https://notexample.test/x", false)]
    [InlineData("https://example.test.evil.org/x", false)]
    [InlineData(null, false)]
    public void Landing_domain_includes_subdomains_only(string? url, bool expected) =>
        Assert.Equal(expected, Compile("landing_domain_in: { list: shorteners }").Test(Ad(title: "x", landing: url)));

    [Theory]
    [InlineData("13-17", true)]
    [InlineData("16+", true)]
    [InlineData("under 18", true)]
    [InlineData("18-24", false)]
    [InlineData("65+", false)]
    public void Targets_minors_reads_included_age_ranges(string age, bool expected)
    {
        var included = Ad(title: "x", targeting: [new(TargetingCategory.Age, null, [age], TargetingMode.Included)]);
        var excluded = Ad(title: "x", targeting: [new(TargetingCategory.Age, null, [age], TargetingMode.Excluded)]);
        var rule = Compile("targets_minors: {}");

        Assert.Equal(expected, rule.Test(included));
        Assert.False(rule.Test(excluded));
    }

    [Theory]
    [InlineData("  13-17 ", 13)]
    [InlineData("Under 21", 0)]
    [InlineData("UP TO 12", 0)]
    [InlineData("17 and under", 0)]
    [InlineData("16 or younger", 0)]
    [InlineData("<18", 0)]
    [InlineData("age 1234", 123)]
    [InlineData("adults", null)]
    [InlineData("١٨-٢٤", null)] // Arabic-Indic digits name no age this parser reads (it used to throw on them)
    public void Lowest_age_reads_the_first_number_and_the_words_for_an_upper_bound(string value, int? expected) =>
        Assert.Equal(expected, TargetsMinorsNode.LowestAge(value));

    [Fact]
    public void Special_category_targeting_is_found_in_interests_and_named_in_the_evidence()
    {
        var ad = Ad(title: "x", targeting: [new(TargetingCategory.Interest, null, ["Hiking", "Type 2 diabetes"], TargetingMode.Included)]);

        var tree = Compile("targets_special_category: { categories: [health] }").Explain(ad);

        Assert.True(tree.Result);
        Assert.Equal(["targeting interest: \"Type 2 diabetes\" (health)"], tree.Values);
        Assert.False(Compile("targets_special_category: { categories: [religion] }").Test(ad));
    }

    [Fact]
    public void Screening_match_reads_the_pluggable_findings_with_a_threshold()
    {
        var findings = new FixedFindings(new ScreeningFinding("sanctions", "SDN-1", "ACME TRADING", 0.91));
        var ad = Ad(title: "x", screening: findings);

        Assert.True(Compile("screening_match: { list: sanctions, min_score: 0.9 }").Test(ad));
        Assert.False(Compile("screening_match: { list: sanctions, min_score: 0.95 }").Test(ad));
        Assert.Equal(["sanctions/SDN-1 \"ACME TRADING\" score 0.91"], Compile("screening_match: { list: sanctions, min_score: 0.95 }").Explain(ad).Values);
    }

    [Theory]
    [InlineData("compare: { field: advertiser.country, op: eq, value: de }", true)]
    [InlineData("compare: { field: advertiser.country, op: in, value: [FR, DE] }", true)]
    [InlineData("compare: { field: payer, op: missing }", true)]
    [InlineData("compare: { field: reach_total, op: gt, value: 100 }", false)]
    [InlineData("advertiser_country_in: { list: places }", false)]
    [InlineData("advertiser_country_in: { countries: [DE] }", true)]
    [InlineData("any: [ { advertiser_country_in: { countries: [FR] } }, { compare: { field: payer, op: missing } } ]", true)]
    public void Field_comparisons_and_country_sets(string yaml, bool expected) => Assert.Equal(expected, Compile(yaml).Test(Ad(title: "x")));

    [Theory]
    [InlineData("compare: { field: reach_total, op: gt, value: 1000000 }", true)]
    [InlineData("compare: { field: reach_total, op: gt, value: 1500000 }", false)]
    [InlineData("compare: { field: reach_total, op: eq, value: '1,500,000' }", true)]
    [InlineData("compare: { field: reach_total, op: le, value: 1500000.0 }", true)]
    [InlineData("compare: { field: spend_min, op: ge, value: 10.5 }", true)]
    [InlineData("compare: { field: spend_min, op: lt, value: 10.5 }", false)]
    [InlineData("compare: { field: spend_max, op: gt, value: 0 }", false)] // no value: not greater than anything
    [InlineData("compare: { field: spend_max, op: missing }", true)]
    [InlineData("compare: { field: reach_total, op: in, value: [1500000] }", true)]
    [InlineData("compare: { field: advertiser.verification_status, op: ne, value: verified }", true)]
    [InlineData("compare: { field: advertiser.verification_status, op: eq, value: UNVERIFIED }", true)]
    [InlineData("compare: { field: status, op: eq, value: active }", false)] // not given: no status to compare
    public void Numeric_fields_compare_as_numbers_and_test_agrees_with_explain(string yaml, bool expected)
    {
        var ad = new RuleInput(new AdInput("ad1", "a1", Title: "x", ReachTotal: 1_500_000, SpendMin: 10.50m),
            new AdvertiserInput("a1", "Acme GmbH", null, "DE", VerificationStatus: VerificationStatus.Unverified));
        var rule = Compile(yaml);
        Assert.Equal(expected, rule.Test(ad));
        Assert.Equal(expected, rule.Explain(ad).Result);
    }

    [Theory]
    [InlineData("text_has: { list: claims }", "unknown predicate 'text_has'")]
    [InlineData("text_contains: { list: nope }", "no list 'nope'")]
    [InlineData("text_contains: { list: shorteners }", "is a domains list, not a terms list")]
    [InlineData("text_contains: { list: claims, feilds: [title] }", "has no argument 'feilds'")]
    [InlineData("compare: { field: colour, op: eq, value: red }", "unknown field 'colour'")]
    [InlineData("text_matches: { pattern: '(a+)+$' }", "catastrophic backtracking")]
    [InlineData("text_matches: { pattern: '(\\w*\\s?)*x' }", "catastrophic backtracking")]
    [InlineData("text_matches: { pattern: '([a-z' }", "not a valid regular expression")]
    [InlineData("screening_match: { list: sanctions, min_score: 2 }", "min_score")]
    [InlineData("all: []", "non-empty list")]
    public void Bad_rules_are_refused_with_a_reason(string yaml, string reason)
    {
        var error = Assert.Throws<RuleSyntaxException>(() => Compile(yaml));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.True(error.Line >= 1);
    }

    [Fact]
    public void A_regex_runs_with_a_time_limit_and_backreferences_fall_back_safely()
    {
        var (regex, problem) = RegexSafety.Build(@"(\w)\1");
        Assert.Null(problem);
        Assert.Equal(RegexSafety.MatchTimeout, regex!.MatchTimeout);
        Assert.True(Compile(@"text_matches: { pattern: '\d{2,3}\s*%\s+daily' }").Test(Ad(body: "Earn 30 % DAILY")));
    }

    private sealed class FixedFindings(params ScreeningFinding[] findings) : IScreeningFindings
    {
        public IReadOnlyList<ScreeningFinding> Findings(RuleInput input, ScreenedParty party, string list) =>
            party == ScreenedParty.Advertiser ? findings.Where(f => f.List == list).ToList() : [];
    }
}
