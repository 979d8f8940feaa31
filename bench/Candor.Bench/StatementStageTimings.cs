using System.Text.Json;
using System.Text.Json.Nodes;
using Candor.Features.Decisions;
using Candor.Features.Decisions.Issuing;
using Candor.Features.Decisions.Tdb;
using Candor.Infrastructure;

namespace Candor.Bench;

/// <summary>
/// <c>statement-stages</c>: the CPU cost of each step of POST /api/v1/statements for one 100-statement call, without
/// HTTP or a database, to see where the API spends what the raw insert does not.
/// </summary>
public static class StatementStageTimings
{
    public static void Run(int rounds, TextWriter output)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new JsonObject
        {
            ["statements"] = new JsonArray(Enumerable.Range(0, StoreStatements.MaxStatements).Select(i => (JsonNode)StatementsBenchmark.Sample(i)).ToArray()),
        });
        var now = TimeProvider.System.GetUtcNow();
        var element = JsonDocument.Parse(body).RootElement.Clone();
        var items = (List<object?>)TdbInput.ObjectOf(element)["statements"]!;
        var valid = items.Select(i => TdbValidation.Validate((Dictionary<string, object?>)i!, TdbEndpoint.Statements).Statement!).ToList();
        var normalisedFacts = valid.Select(s => TextFingerprint.Normalise(s.DecisionFacts)).ToList();
        var decisions = valid.Select(s => TdbStatementRows.ToDecision(s, 1, Guid.CreateVersion7(now), now, DecisionMethods.ApiMulti)).ToList();
        var stages = new (string Name, Action Step)[]
        {
            ("parse body (JsonDocument, clone)", () => JsonDocument.Parse(body).RootElement.Clone()),
            ("to TDB input (trim, dictionaries)", () => TdbInput.ObjectOf(element)),
            ("validate", () => items.ForEach(i => TdbValidation.Validate((Dictionary<string, object?>)i!, TdbEndpoint.Statements))),
            ("decision rows (score, fingerprint)", () => valid.ForEach(s => TdbStatementRows.ToDecision(s, 1, Guid.CreateVersion7(now), now, DecisionMethods.ApiMulti))),
            ("  of which: normalise facts", () => decisions.ForEach(d => TextFingerprint.Normalise(d.DecisionFacts))),
            ("  of which: concrete elements", () => decisions.ForEach(d => Boilerplate.CaseSpecificElements(d.DecisionFacts + "\n" + d.IncompatibleContentExplanation, []))),
            ("  of which: known phrase share", () => normalisedFacts.ForEach(n => Boilerplate.KnownPhraseShare(n))),
            ("  of which: array columns (JSON)", () => valid.ForEach(s =>
            {
                foreach (var values in new[] { s.TerritorialScope, s.ContentType, s.CategorySpecification, s.CategoryAddition, s.DecisionVisibility })
                    TdbStatementRows.Json(values);
            })),
            ("answer (views, JSON)", () => JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
            {
                ["statements"] = decisions.Select(d => TdbStatementView.Of(d, "Bench platform", "http://127.0.0.1", TdbStatementView.Shape.BatchItem)).ToList(),
            }, CandorJson.Output)),
        };
        output.WriteLine($"CPU per 100-statement call ({body.Length / 1024:N0} KiB of JSON), median of {rounds} runs after warm-up:");
        StageTimings.Report(stages, rounds, output, "N2");
    }
}
