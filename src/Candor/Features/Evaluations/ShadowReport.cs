using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Candor.Cli;
using Candor.Data;
using Candor.Features.Platforms;
using Candor.Features.Rules;
using Candor.Features.Tokens;
using Candor.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Candor.Features.Evaluations;

public sealed record ShadowSample(string SubjectKind, string SubjectId, long EvaluationId, DateTimeOffset EvaluatedAt,
    string Outcome, string WouldBe, IReadOnlyList<string> Evidence);

/// <summary>What one shadow rule would have changed: subjects it hit, and how many of their outcomes it would have raised.</summary>
public sealed record ShadowRuleReport(string RuleId, string ClauseId, string PolicyId, string PolicyVersion, string OnHit,
    int SubjectsHit, int WouldRaise, IReadOnlyDictionary<string, int> Changes, IReadOnlyList<ShadowSample> Samples);

public sealed record ShadowReportView(DateTimeOffset? Since, int SubjectsScanned, IReadOnlyList<ShadowRuleReport> Rules);

/// <summary>
/// The shadow-mode report: over the latest evaluation of each subject (since a date) that has shadow hits, per shadow
/// rule, how many subjects it hit and where its clause's outcome would have raised the evaluation's outcome (e.g.
/// clear → review). <c>GET /api/v1/evaluations/shadow-report</c> and <c>candor rules shadow-report</c>.
/// </summary>
public static class ShadowReport
{
    public const int SamplesPerRule = 5;

    public static async Task<Results<Ok<ShadowReportView>, ProblemHttpResult>> HandleAsync(HttpContext http, CandorDb db, CancellationToken ct,
        DateOnly? since = null) =>
        TypedResults.Ok(await RunAsync(db, http.User.PlatformId(), Start(since), ct));

    private static DateTimeOffset? Start(DateOnly? since) =>
        since is { } d ? new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null;

    /// <summary>Null platform: every platform (the CLI's operator view).</summary>
    public static async Task<ShadowReportView> RunAsync(CandorDb db, long? platformId, DateTimeOffset? since, CancellationToken ct)
    {
        var query = db.Evaluations.AsNoTracking().Where(e => e.ShadowHitCount > 0);
        if (platformId is { } p) query = query.Where(e => e.PlatformId == p);
        if (since is { } s) query = query.Where(e => e.EvaluatedAt >= s);
        var latest = new Dictionary<(long, string), (Evaluation Row, IReadOnlyList<SimulatedHit> Hits)>();
        await foreach (var row in query.OrderByDescending(e => e.Id).AsAsyncEnumerable().WithCancellation(ct))
            latest.TryAdd((row.PlatformId, row.SubjectKey), (row, EvaluationHits.Read(row.HitsJson)));
        var report = Build(latest.Values.Select(v => (v.Row.SubjectKind, v.Row.Id, v.Row.SubjectKey, v.Row.EvaluatedAt, v.Row.Outcome, v.Hits)).ToList());
        return new ShadowReportView(since, latest.Count, await NameSamplesAsync(db, report, ct));
    }

    /// <summary>The counting, pure: one entry per shadow rule, most subjects first.</summary>
    public static List<ShadowRuleReport> Build(
        IReadOnlyList<(string Kind, long EvaluationId, string SubjectKey, DateTimeOffset At, string Outcome, IReadOnlyList<SimulatedHit> Hits)> evaluations)
    {
        var rules = new Dictionary<string, (SimulatedHit First, HashSet<string> Subjects, Dictionary<string, int> Changes, List<ShadowSample> Changed, List<ShadowSample> Unchanged)>(StringComparer.Ordinal);
        foreach (var e in evaluations)
            foreach (var hit in e.Hits.Where(h => h.Shadow).DistinctBy(h => h.RuleId))
            {
                if (!rules.TryGetValue(hit.RuleId, out var rule))
                    rules[hit.RuleId] = rule = (hit, new HashSet<string>(StringComparer.Ordinal), new Dictionary<string, int>(StringComparer.Ordinal), [], []);
                if (!rule.Subjects.Add(e.SubjectKey)) continue;
                var effect = EffectOf(hit.OnHit);
                var wouldBe = EvaluationOutcome.Rank(effect) > EvaluationOutcome.Rank(e.Outcome) ? effect : e.Outcome;
                if (wouldBe != e.Outcome)
                {
                    var change = $"{e.Outcome} → {wouldBe}";
                    rule.Changes[change] = rule.Changes.GetValueOrDefault(change) + 1;
                }
                // Samples prefer subjects whose outcome would change: those are what an author must look at.
                var samples = wouldBe != e.Outcome ? rule.Changed : rule.Unchanged;
                if (samples.Count < SamplesPerRule)
                    samples.Add(new ShadowSample(e.Kind, e.SubjectKey, e.EvaluationId, e.At, e.Outcome, wouldBe, hit.Evidence));
            }
        return rules.Values.Select(r => new ShadowRuleReport(r.First.RuleId, r.First.ClauseId, r.First.PolicyId, r.First.PolicyVersion, r.First.OnHit,
                r.Subjects.Count, r.Changes.Values.Sum(), r.Changes, r.Changed.Concat(r.Unchanged).Take(SamplesPerRule).ToList()))
            .OrderByDescending(r => r.SubjectsHit).ThenBy(r => r.RuleId, StringComparer.Ordinal).ToList();
    }

    /// <summary>What a shadow hit's clause would do if the rule were live (a "decide" clause always allows automation: the reader checks).</summary>
    public static string EffectOf(string onHit) => onHit switch
    {
        "decide" => EvaluationOutcomes.Decide,
        "review" => EvaluationOutcomes.Review,
        _ => EvaluationOutcomes.Record,
    };

    /// <summary>Samples carry the subject key until here; the platform's own ids are what a reader knows.</summary>
    private static async Task<List<ShadowRuleReport>> NameSamplesAsync(CandorDb db, List<ShadowRuleReport> rules, CancellationToken ct)
    {
        var keys = rules.SelectMany(r => r.Samples).Select(s => s.SubjectId).Distinct().ToList();
        var adIds = keys.Where(k => k.StartsWith("ad:", StringComparison.Ordinal)).Select(k => long.Parse(k[3..], CultureInfo.InvariantCulture)).ToList();
        var advertiserIds = keys.Where(k => k.StartsWith("advertiser:", StringComparison.Ordinal)).Select(k => long.Parse(k[11..], CultureInfo.InvariantCulture)).ToList();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var a in await db.Ads.AsNoTracking().Where(a => EF.Parameter(adIds).Contains(a.Id)).Select(a => new { a.Id, a.ExternalId }).ToListAsync(ct))
            names[EvaluationSubjects.KeyOfAd(a.Id)] = a.ExternalId;
        foreach (var a in await db.Advertisers.AsNoTracking().Where(a => EF.Parameter(advertiserIds).Contains(a.Id)).Select(a => new { a.Id, a.ExternalId }).ToListAsync(ct))
            names[EvaluationSubjects.KeyOfAdvertiser(a.Id)] = a.ExternalId;
        return rules.Select(r => r with { Samples = r.Samples.Select(s => s with { SubjectId = names.GetValueOrDefault(s.SubjectId, s.SubjectId) }).ToList() }).ToList();
    }

    public static Command Command()
    {
        var platform = new Option<string?>("--platform") { Description = "One platform (default: every platform)" };
        var since = new Option<string?>("--since") { Description = "Only evaluations on or after this date (YYYY-MM-DD)" };
        var json = new Option<bool>("--json") { Description = "The report as one JSON object (as the API answers)" };
        var command = new Command("shadow-report", "What each shadow rule would have changed: subjects hit, outcomes it would raise") { platform, since, json };
        command.SetHandler(async (parse, ct) =>
        {
            DateOnly? from = null;
            if (parse.GetValue(since) is { } text)
                from = DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
                    : throw new CliException($"--since '{text}' is not a date (YYYY-MM-DD).", CliHost.BadUsage);
            await using var services = await CliHost.OpenAsync(parse, ct);
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CandorDb>();
            long? platformId = parse.GetValue(platform) is { } slug ? await PlatformLookup.IdOfAsync(db, slug, ct) : null;
            var report = await RunAsync(db, platformId, Start(from), ct);
            if (parse.GetValue(json)) Console.WriteLine(JsonSerializer.Serialize(report, CandorJson.Output));
            else Print(report);
            return CliHost.Ok;
        });
        return command;
    }

    private static void Print(ShadowReportView report)
    {
        Console.WriteLine($"{report.SubjectsScanned} subject(s) with shadow hits{(report.Since is { } s ? $" since {s:yyyy-MM-dd}" : "")}");
        foreach (var rule in report.Rules)
        {
            Console.WriteLine($"{rule.RuleId} ({rule.ClauseId}, {rule.PolicyId} v{rule.PolicyVersion}, on hit: {rule.OnHit}): " +
                              $"{rule.SubjectsHit} subject(s) hit, {rule.WouldRaise} outcome(s) would change" +
                              (rule.Changes.Count == 0 ? "" : " — " + string.Join(", ", rule.Changes.Select(c => $"{c.Key}: {c.Value}"))));
            foreach (var sample in rule.Samples)
                Console.WriteLine($"  {sample.SubjectKind} {sample.SubjectId}: {sample.Outcome} → {sample.WouldBe}: {string.Join("; ", sample.Evidence)}");
        }
    }
}
