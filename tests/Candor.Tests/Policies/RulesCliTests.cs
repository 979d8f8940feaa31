using System.Text.Json;
using Candor.Tests.Infrastructure;

namespace Candor.Tests.Policies;

public sealed class RulesCliTests
{
    [Fact]
    public async Task Rules_test_prints_one_json_object_per_ad_with_hits_and_evidence()
    {
        var ads = Path.Combine(Path.GetTempPath(), $"candor-rules-{Guid.NewGuid():N}.ndjson");
        await File.WriteAllLinesAsync(ads,
        [
            """{"id":"clean","advertiser_id":"a1","title":"Walking boots","payer":"Acme","beneficiary":"Acme","delivery_start":"2026-11-01T00:00:00Z"}""",
            """{"id":"bad","advertiser_id":"a1","body":"Earn 40% daily with our crypto trading bot","payer":"Acme","beneficiary":"Acme","delivery_start":"2026-11-01T00:00:00Z","targeting":[{"category":"age","values":["13-17"],"mode":"included"}]}""",
        ]);
        try
        {
            var result = await CliRunner.RunAsync(["rules", "test", CatalogueReaderTests.SampleDirectory, "--ads", ads, "--json"]);

            Assert.True(result.ExitCode == 0, result.ToString());
            var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
            Assert.Equal(["clean", "bad"], lines.Select(l => l.GetProperty("ad_id").GetString()));
            Assert.Equal(0, lines[0].GetProperty("hits").GetArrayLength());
            var hits = lines[1].GetProperty("hits").EnumerateArray().ToList();
            Assert.Contains(hits, h => h.GetProperty("rule_id").GetString() == "ADV-5.2-R2" && h.GetProperty("clause_id").GetString() == "ADV-5.2"
                && h.GetProperty("evidence")[0].GetString() == "body: \"40% daily\"");
            Assert.Contains(hits, h => h.GetProperty("rule_id").GetString() == "ADV-7.2-R1");
            Assert.Contains("nothing was stored", result.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(ads);
        }
    }

    [Fact]
    public async Task Rules_test_json_prints_the_tree_of_a_rule_nested_as_deep_as_the_language_allows()
    {
        // Twelve levels of "all" around a term check: the tree is about thirty JSON levels deep, more than API requests may nest.
        var condition = "text_contains: { fields: [title], terms: [casino] }";
        for (var level = 0; level < Candor.Features.Rules.RuleCompiler.MaxDepth; level++) condition = $"all: [ {{ {condition} }} ]";
        var dir = Directory.CreateTempSubdirectory("candor-deep-");
        var ads = Path.Combine(dir.FullName, "ads.ndjson");
        await File.WriteAllTextAsync(Path.Combine(dir.FullName, "deep.yaml"), $$"""
            id: DEEP-1
            title: Deeply nested
            version: "1.0"
            effective_from: 2026-01-01
            summary: A rule nested as deep as allowed.
            clauses:
              - id: DEEP-1.1
                title: Gambling
                text: No gambling ads.
                dsa:
                  decision_ground: DECISION_GROUND_INCOMPATIBLE_CONTENT
                  category: STATEMENT_CATEGORY_SCAMS_AND_FRAUD
                  restrictions: [DECISION_VISIBILITY_CONTENT_REMOVED]
                on_hit: review
                rules:
                  - id: DEEP-1.1-R1
                    description: Casino in the title, deep down.
                    when: { {{condition}} }
            """);
        await File.WriteAllTextAsync(ads, """{"id":"deep","advertiser_id":"a1","title":"Casino night","delivery_start":"2026-11-01T00:00:00Z"}""" + "\n");
        try
        {
            var result = await CliRunner.RunAsync(["rules", "test", dir.FullName, "--ads", ads, "--json"]);

            Assert.True(result.ExitCode == 0, result.ToString());
            var hit = JsonDocument.Parse(result.Stdout.Trim(), new JsonDocumentOptions { MaxDepth = 64 }).RootElement.GetProperty("hits")[0];
            Assert.Equal("DEEP-1.1-R1", hit.GetProperty("rule_id").GetString());
            var node = hit.GetProperty("tree");
            for (var level = 0; level < Candor.Features.Rules.RuleCompiler.MaxDepth; level++) node = node.GetProperty("children")[0];
            Assert.Equal("text_contains", node.GetProperty("predicate").GetString());
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
