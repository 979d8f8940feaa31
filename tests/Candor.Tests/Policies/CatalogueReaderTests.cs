using Candor.Features.Ads;
using Candor.Features.Policies;
using Candor.Features.Rules;
using Candor.Tests.Infrastructure;

namespace Candor.Tests.Policies;

public sealed class CatalogueReaderTests
{
    public static string SampleDirectory => Path.Combine(RepoPaths.Root, "policies");

    internal static string Policy(string id = "P-1", string version = "1", string clause = "P-1.1", string when = "{ text_contains: { terms: [casino] } }", string extra = "") => $"""
        id: {id}
        title: Test policy
        version: "{version}"
        effective_from: 2026-01-01
        summary: A policy for tests.
        clauses:
          - id: {clause}
            title: A clause
            text: No **casinos**.{extra}
            dsa:
              decision_ground: DECISION_GROUND_INCOMPATIBLE_CONTENT
              category: STATEMENT_CATEGORY_UNSAFE_AND_PROHIBITED_PRODUCTS
            rules:
              - id: {clause}-R1
                when: {when}
        """;

    private static List<CatalogueError> Errors(params (string Name, string Text)[] files) =>
        CatalogueReader.Read(files.Select(f => new CatalogueReader.SourceFile(f.Name, f.Text)).ToList(), []).Errors;

    [Fact]
    public void The_sample_catalogue_reads_and_has_at_least_30_rules()
    {
        var (catalogue, errors) = CatalogueReader.ReadDirectory(SampleDirectory);

        Assert.Empty(errors);
        Assert.True(catalogue!.Policies.Sum(p => p.RuleCount) >= 30);
        Assert.Contains(catalogue.Policies, p => p.Clauses.Any(c => c.Id == "ADV-4.1"));
    }

    [Fact]
    public void Malformed_yaml_is_reported_with_file_and_line()
    {
        var error = Assert.Single(Errors(("p.yaml", "id: P-1\ntitle: x\nversion: 1: 2\n")));

        Assert.Equal("p.yaml", error.File);
        Assert.True(error.Line >= 2);
        Assert.Contains("malformed YAML", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_predicate_is_reported_on_its_line()
    {
        var error = Assert.Single(Errors(("p.yaml", Policy(when: "{ regex_magic: { x: 1 } }"))));

        Assert.Equal(15, error.Line);
        Assert.Contains("unknown predicate 'regex_magic'", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_policies_claiming_one_clause_id_are_refused()
    {
        var errors = Errors(("a.yaml", Policy("P-1", clause: "X-1")), ("b.yaml", Policy("P-2", clause: "X-1")));

        Assert.Contains(errors, e => e.File == "b.yaml" && e.Reason.Contains("clause id 'X-1' is also claimed by a.yaml", StringComparison.Ordinal));
    }

    [Fact]
    public void Automated_outcome_needs_the_clauses_permission()
    {
        var text = Policy().Replace("    rules:", "    on_hit: decide\n    rules:", StringComparison.Ordinal);

        Assert.Contains(Errors(("p.yaml", text)), e => e.Reason.Contains("automation_may_decide", StringComparison.Ordinal));
    }

    [Fact]
    public void Simulation_reports_clause_rule_and_evidence_for_each_ad()
    {
        var rules = new RuleSet(CatalogueReader.ReadDirectory(SampleDirectory).Catalogue!);
        var ad = new AdInput("ad-9", "a1", Title: "Buy a HANDGUN today", Body: "Ammunition included", Payer: "Acme", Beneficiary: "Acme");

        var result = RulesTestCommand.Simulate(rules, ad, null);

        var hit = Assert.Single(result.Hits);
        Assert.Equal(("ADV-6.1", "ADV-6.1-R1"), (hit.ClauseId, hit.RuleId));
        Assert.Equal(["title: \"handgun\"", "body: \"ammunition\""], hit.Evidence);
        Assert.Equal("decide", hit.OnHit);
    }
}
