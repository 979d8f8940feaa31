using System.CommandLine;
using System.Text.Json;
using Candor.Cli;
using Candor.Features.Ads;
using Candor.Features.Advertisers;
using Candor.Features.Policies;
using Candor.Infrastructure;

namespace Candor.Features.Rules;

public sealed record SimulatedHit(string ClauseId, string RuleId, string PolicyId, string PolicyVersion, string OnHit, bool Shadow,
    IReadOnlyList<string> Evidence, Explanation Tree);

public sealed record SimulatedAd(string AdId, IReadOnlyList<SimulatedHit> Hits);

/// <summary>
/// <c>candor rules test POLICY_DIR --ads FILE [--advertisers FILE] [--json]</c>: which ads each rule would hit and why,
/// for policy authors before publishing. Reads files only; touches no database.
/// </summary>
public static class RulesTestCommand
{
    public static Command Command()
    {
        var dir = new Argument<DirectoryInfo>("POLICY_DIR") { Description = "The catalogue directory (policy YAML files, lists/)" };
        var ads = new Option<FileInfo>("--ads") { Description = "Ads as NDJSON in the ingestion format", Required = true };
        var advertisers = new Option<FileInfo?>("--advertisers") { Description = "Advertisers as NDJSON, joined to the ads by advertiser_id (for country rules)" };
        var json = new Option<bool>("--json") { Description = "One JSON object per ad: ad_id and hits (clause_id, rule_id, evidence, tree)" };
        var test = new Command("test", "Show which ads each rule would hit and why, without storing anything") { dir, ads, advertisers, json };
        test.SetHandler(async (parse, ct) =>
        {
            var (catalogue, errors) = CatalogueReader.ReadDirectory(parse.GetValue(dir)!.FullName);
            if (catalogue is null)
            {
                foreach (var error in errors) await Console.Error.WriteLineAsync($"candor: {error}");
                return CliHost.Failure;
            }
            var rules = new RuleSet(catalogue);
            var byId = parse.GetValue(advertisers) is { } file ? await ReadAdvertisersAsync(file, ct) : [];
            var asJson = parse.GetValue(json);
            var lineNumber = 0;
            var hitCount = 0;
            foreach (var line in File.ReadLines(parse.GetValue(ads)!.FullName))
            {
                lineNumber++;
                if (string.IsNullOrWhiteSpace(line)) continue;
                var ad = Parse<AdInput>(line, lineNumber);
                var result = Simulate(rules, ad, ad.AdvertiserId is { } a ? byId.GetValueOrDefault(a) : null);
                hitCount += result.Hits.Count;
                if (asJson) Console.WriteLine(JsonSerializer.Serialize(result, Evaluations.EvaluationHits.Options)); // trees nest deeper than the API allows requests to
                else if (result.Hits.Count > 0) PrintText(result);
            }
            await Console.Error.WriteLineAsync($"candor: {hitCount} hit(s) over {rules.RuleCount} rule(s); nothing was stored");
            return CliHost.Ok;
        });
        return new Command("rules", "The rules of a policy catalogue") { test };
    }

    public static SimulatedAd Simulate(RuleSet rules, AdInput ad, AdvertiserInput? advertiser) =>
        new(ad.Id ?? "", rules.Evaluate(new RuleInput(ad, advertiser)).Select(h => new SimulatedHit(h.ClauseId, h.RuleId, h.PolicyId,
            h.PolicyVersion, JsonNamingPolicy.SnakeCaseLower.ConvertName(h.OnHit.ToString()), h.Shadow, h.Evidence, h.Tree)).ToList());

    private static void PrintText(SimulatedAd result)
    {
        Console.WriteLine($"ad {result.AdId}");
        foreach (var hit in result.Hits)
            Console.WriteLine($"  {hit.ClauseId} / {hit.RuleId}{(hit.Shadow ? " (shadow)" : "")} → {hit.OnHit}: {string.Join("; ", hit.Evidence)}");
    }

    private static async Task<Dictionary<string, AdvertiserInput>> ReadAdvertisersAsync(FileInfo file, CancellationToken ct)
    {
        var result = new Dictionary<string, AdvertiserInput>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var line in await File.ReadAllLinesAsync(file.FullName, ct))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var advertiser = Parse<AdvertiserInput>(line, lineNumber);
            if (advertiser.Id is not null) result[advertiser.Id] = advertiser;
        }
        return result;
    }

    private static T Parse<T>(string line, int lineNumber)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(line, CandorJson.Strict) ?? throw new CliException($"line {lineNumber}: null record");
        }
        catch (JsonException ex)
        {
            throw new CliException($"line {lineNumber}: not a record in the ingestion format: {ex.Message}");
        }
    }
}
