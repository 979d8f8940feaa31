using System.Globalization;
using Candor.Features.Screening.Lists;
using Candor.Features.Screening.Matching;

namespace Candor.ScreeningEval;

/// <summary>Precision, recall and F1 of the matcher on every labelled set, and what it would flag among real advertisers.</summary>
internal static class Evaluation
{
    private sealed record Scored(PersonQuery Query, double Score, ScreeningMatch? Top);
    private static Dictionary<(string, string), ListEntry> s_entries = [];

    public static void Run(Options options)
    {
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        Console.WriteLine($"# Screening evaluation (threshold {options.Threshold:0.00})\n\nLists:");
        var entries = Lists.Load(options.Data, Lists.Current);
        // The CSL repeats a Treasury _id under each sub-list that names the entity (SSI and NS-MBS): keep the first.
        foreach (var e in entries) s_entries.TryAdd((e.List, e.SourceId), e);
        var index = ScreeningIndex.Build(entries);
        Console.WriteLine($"Index: {index.EntryCount} entries, {index.NameCount} names, {index.VocabularyCount} terms\n");

        PairBench(index, EvalSets.Pairs(options.Data), options.Threshold, options.Dump);

        var unClean = Score(index, EvalSets.People(options.Data, "yente_positives_un_untreated.csv"), dob: false);
        var unTypos = Score(index, EvalSets.People(options.Data, "yente_positives_un_treated.csv"), dob: false);
        var congress = Score(index, EvalSets.People(options.Data, "yente_positives_us_congress_untreated.csv"), dob: false);
        var negGlobal = Score(index, EvalSets.People(options.Data, "yente_negatives_global_1k.csv"), dob: false);
        var negUs = Score(index, EvalSets.People(options.Data, "yente_negatives_us_1k.csv"), dob: false);
        var negatives = negGlobal.Concat(negUs).Select(s => s.Score).ToList();
        var t = options.Threshold;

        Console.WriteLine("## Screening sets, name only (query = full_name, search over all lists)\n");
        Console.WriteLine("| Set | Queries | Flagged ≥ t | Precision | Recall | F1 | counts |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        Row("UN SC positives, clean + 2,000 negatives", unClean, negatives, t);
        Row("UN SC positives, typos/reshuffles + 2,000 negatives", unTypos, negatives, t);
        Console.WriteLine($"| US Congress (PEPs, on none of these lists: every flag is a false alarm) | {congress.Count} | {Flagged(congress, t)} | – | – | – | false-alarm rate {Rate(congress, t)} |");
        Console.WriteLine($"| Negatives, global (synthetic, multi-script) | {negGlobal.Count} | {Flagged(negGlobal, t)} | – | – | – | false-alarm rate {Rate(negGlobal, t)} |");
        Console.WriteLine($"| Negatives, US (synthetic) | {negUs.Count} | {Flagged(negUs, t)} | – | – | – | false-alarm rate {Rate(negUs, t)} |");

        Console.WriteLine("\n## Rank 1 on UN positives (is the best match the listed person?)\n");
        RankOne("clean", unClean);
        RankOne("typos", unTypos);

        Console.WriteLine("\n## With date of birth and nationality as corroborating fields\n");
        var unTyposDob = Score(index, EvalSets.People(options.Data, "yente_positives_un_treated.csv"), dob: true);
        var negDob = Score(index, EvalSets.People(options.Data, "yente_negatives_global_1k.csv"), dob: true)
            .Concat(Score(index, EvalSets.People(options.Data, "yente_negatives_us_1k.csv"), dob: true)).Select(s => s.Score).ToList();
        Console.WriteLine("| Set | Queries | Flagged ≥ t | Precision | Recall | F1 | counts |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        Row("UN SC typos + 2,000 negatives, with DOB/nationality", unTyposDob, negDob, t);

        Separation(unClean.Concat(unTypos).Select(s => s.Score).ToList(), negatives);
        HoldOut(unTypos, negGlobal.Concat(negUs).ToList());
        Sweep(unTypos.Select(s => s.Score).ToList(), negatives, congress.Select(s => s.Score).ToList());
        Misses(unTypos, t);
        FalseAlarms(negGlobal.Concat(negUs).Concat(congress), t);
        Advertisers(index, EvalSets.Advertisers(options.Data), t);
    }

    /// <summary>Only the nomenklatura pair bench: seconds instead of minutes while working on the scorer.</summary>
    public static void RunPairs(Options options)
    {
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        var index = ScreeningIndex.Build(Lists.Load(options.Data, Lists.Current, quiet: true));
        PairBench(index, EvalSets.Pairs(options.Data), options.Threshold, options.Dump);
    }

    private static void PairBench(ScreeningIndex index, List<NamePair> pairs, double threshold, string? dump)
    {
        var scored = pairs.Select(p => (p, score: (double)index.ComparePair(p.Name1, p.Name2))).ToList();
        var pos = scored.Where(s => s.p.IsMatch).Select(s => s.score).ToList();
        var neg = scored.Where(s => !s.p.IsMatch).Select(s => s.score).ToList();
        Console.WriteLine($"## nomenklatura name pairs ({pairs.Count}: {pos.Count} matches, {neg.Count} non-matches)\n");
        Console.WriteLine("| Threshold | Precision | Recall | F1 | counts |\n|---|---|---|---|---|");
        foreach (var t in new[] { 0.7, threshold }.Distinct())
            Console.WriteLine($"| {t:0.00} | {Counts.At(pos, neg, t)} |");
        var best = Counts.BestThreshold(pos, neg);
        Console.WriteLine($"| {best:0.00} (best on this set: tuned on what it reports) | {Counts.At(pos, neg, best)} |");
        // Matcher changes are decided on the even rows (0-based) only; the odd rows show whether they generalise.
        foreach (var (label, parity) in new[] { ("even rows (changes decided on these)", 0), ("odd rows (held out)", 1) })
        {
            var half = scored.Where(s => s.p.Row % 2 == parity).ToList();
            Console.WriteLine($"| 0.70, {label}: {half.Count} pairs | {Counts.At(half.Where(s => s.p.IsMatch).Select(s => s.score), half.Where(s => !s.p.IsMatch).Select(s => s.score), 0.7)} |");
        }
        if (dump is not null)
            File.WriteAllLines(dump, scored.Select(s => FormattableString.Invariant(
                $"{s.p.Row}\t{s.score:0.0000}\t{(s.p.IsMatch ? 1 : 0)}\t{s.p.Schema}\t{s.p.Group}\t{s.p.Category}\t{s.p.Name1}\t{s.p.Name2}")));
        Console.WriteLine("\nBy schema at the recommended threshold:\n");
        foreach (var group in scored.GroupBy(s => s.p.Schema))
        {
            var c = Counts.At(group.Where(g => g.p.IsMatch).Select(g => g.score), group.Where(g => !g.p.IsMatch).Select(g => g.score), threshold);
            Console.WriteLine($"- {group.Key}: {group.Count()} pairs, P/R/F1 {c}");
        }
        Console.WriteLine("\nWorst errors at the recommended threshold:\n");
        foreach (var (p, s) in scored.Where(s => s.p.IsMatch != s.score >= threshold).OrderByDescending(s => Math.Abs(s.score - threshold)).Take(12))
            Console.WriteLine($"- {(p.IsMatch ? "missed" : "false")} {s:0.000}: \"{p.Name1}\" vs \"{p.Name2}\" ({p.Schema})");
        Console.WriteLine();
    }

    private static List<Scored> Score(ScreeningIndex index, List<PersonQuery> queries, bool dob) =>
        queries.Select(q =>
        {
            var result = index.Search(new ScreeningQuery(q.Name, dob ? q.Nationality : null, EntityType.Unknown, dob ? q.DateOfBirth : null, Limit: 5));
            var top = result.Matches.Count > 0 ? result.Matches[0] : null;
            return new Scored(q, top?.Score ?? 0, top);
        }).ToList();

    private static void Row(string label, List<Scored> positives, List<double> negatives, double t) =>
        Console.WriteLine($"| {label} | {positives.Count} + {negatives.Count} | {Flagged(positives, t)} + {negatives.Count(s => s >= t)} | {Counts.At(positives.Select(p => p.Score), negatives, t)} |");

    private static int Flagged(List<Scored> scored, double t) => scored.Count(s => s.Score >= t);
    private static string Rate(List<Scored> scored, double t) => $"{100.0 * Flagged(scored, t) / scored.Count:0.0}%";

    private static void RankOne(string label, List<Scored> scored)
    {
        // The queries come from UN entries; the same person is often on OFAC too. Rank 1 counts as right when it is
        // the UN list, or another list's entry with the same year of birth.
        var right = scored.Count(s => s.Top is { } top && (top.List == "un-sc" || SameYear(s.Query.DateOfBirth, top)));
        Console.WriteLine($"- {label}: {right}/{scored.Count} ({100.0 * right / scored.Count:0.0}%) have the listed person at rank 1; {scored.Count(s => s.Top is null)} have no candidate at all");
    }

    private static bool SameYear(string? dob, ScreeningMatch top) =>
        dob is { Length: >= 4 } && s_entries.TryGetValue((top.List, top.SourceId), out var entry)
        && entry.DatesOfBirth.Any(d => d.Contains(dob[..4], StringComparison.Ordinal));

    private static void Separation(List<double> positives, List<double> negatives)
    {
        positives.Sort();
        negatives.Sort();
        Console.WriteLine("\n## Score separation, name only\n");
        Console.WriteLine($"- positives (UN clean + typos): min {positives[0]:0.000}, 5th pct {positives[positives.Count / 20]:0.000}, median {positives[positives.Count / 2]:0.000}");
        Console.WriteLine($"- negatives (2,000): max {negatives[^1]:0.000}, 99th pct {negatives[negatives.Count * 99 / 100]:0.000}, median {negatives[negatives.Count / 2]:0.000}");
    }

    // Honest threshold choice: tune on even rows, report on odd rows.
    private static void HoldOut(List<Scored> positives, List<Scored> negatives)
    {
        var tuned = Counts.BestThreshold(
            positives.Where(p => p.Query.Row % 2 == 0).Select(p => p.Score).ToList(),
            negatives.Where(p => p.Query.Row % 2 == 0).Select(p => p.Score).ToList());
        var held = Counts.At(positives.Where(p => p.Query.Row % 2 == 1).Select(p => p.Score), negatives.Where(p => p.Query.Row % 2 == 1).Select(p => p.Score), tuned);
        Console.WriteLine($"\n## Hold-out: threshold tuned on even rows of UN typos + negatives = {tuned:0.00}; odd rows at that threshold: P/R/F1 {held}");
    }

    private static void Sweep(List<double> positives, List<double> negatives, List<double> congress)
    {
        Console.WriteLine("\n## Threshold sweep (UN typos vs 2,000 negatives; Congress false alarms)\n");
        Console.WriteLine("| t | Precision | Recall | F1 | counts | Congress flagged |\n|---|---|---|---|---|---|");
        for (var t = 0.60; t <= 0.951; t += 0.05)
            Console.WriteLine($"| {t:0.00} | {Counts.At(positives, negatives, t)} | {congress.Count(s => s >= t)} |");
    }

    private static void Misses(List<Scored> scored, double t)
    {
        Console.WriteLine("\n## Sample of missed UN positives (typos set)\n");
        foreach (var s in scored.Where(s => s.Score < t).Take(10))
            Console.WriteLine($"- \"{s.Query.Name}\" best {s.Score:0.000} {(s.Top is null ? "(none)" : $"\"{s.Top.MatchedName}\" [{s.Top.List} {s.Top.SourceId}]")}");
    }

    private static void FalseAlarms(IEnumerable<Scored> scored, double t)
    {
        Console.WriteLine("\n## False alarms among negatives and Congress\n");
        foreach (var s in scored.Where(s => s.Score >= t).OrderByDescending(s => s.Score).Take(15))
            Console.WriteLine($"- \"{s.Query.Name}\" {s.Score:0.000} ~ \"{s.Top!.MatchedName}\" [{s.Top.List} {s.Top.SourceId}] {Tokens(s.Top)}");
    }

    private static void Advertisers(ScreeningIndex index, List<string> names, double t)
    {
        var flagged = names.Select(n => (n, r: index.Search(new ScreeningQuery(n, MinScore: t, Limit: 1))))
            .Where(x => x.r.Matches.Count > 0).Select(x => (x.n, m: x.r.Matches[0])).OrderByDescending(x => x.m.Score).ToList();
        var rejected = names.Count(n => index.Search(new ScreeningQuery(n, Limit: 1)).Rejected is not null);
        Console.WriteLine($"\n## Advertisers: {flagged.Count} of {names.Count} flagged at {t:0.00} ({100.0 * flagged.Count / names.Count:0.00}%); {rejected} names rejected as unscreenable\n");
        foreach (var (n, m) in flagged.Take(60))
            Console.WriteLine($"- {m.Score:0.000} \"{n}\" ~ \"{m.MatchedName}\" [{m.List} {m.SourceId}, {m.MatchedNameKind}] {Tokens(m)}");
    }

    private static string Tokens(ScreeningMatch m) =>
        string.Join(", ", m.Explanation.Tokens.Select(t => $"{t.Query}→{t.Matched ?? "∅"} {t.Similarity:0.00} {t.How}"));
}
