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
}
