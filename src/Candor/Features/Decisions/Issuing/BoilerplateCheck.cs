using Candor.Data;
using Candor.Features.Decisions.Tdb;
using Candor.Infrastructure;

namespace Candor.Features.Decisions.Issuing;

/// <summary>
/// Fingerprints a decision's facts and explanation, refuses them when they are boilerplate (<see cref="Boilerplate"/>),
/// and sets the decision's fingerprints and specificity score. Runs when a decision is created and again when a
/// draft is issued, because texts may have become common in between.
/// </summary>
public static class BoilerplateCheck
{
    public sealed record Result(FieldErrors Errors, IReadOnlyList<FingerprintedText> Texts);

    public static async Task<Result> RunAsync(
        CandorDb db, Decision d, IReadOnlyList<EvidenceItem> evidence, DecisionSubject subject, BoilerplateOptions options, DateTimeOffset now, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var texts = new List<FingerprintedText>();
        var evidenceValues = evidence.Select(e => e.Value).ToList();
        var explanationKey = d.DecisionGround == TdbEnums.GroundIllegal ? "illegal_content_explanation" : "incompatible_content_explanation";
        var explanation = d.IllegalContentExplanation ?? d.IncompatibleContentExplanation;
        var concrete = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var worstShare = 0.0;
        foreach (var (field, key, text) in new[] { (TextUseCounts.FactsField, "decision_facts", d.DecisionFacts), (TextUseCounts.ExplanationField, explanationKey, explanation) })
        {
            if (text is null) continue;
            var normalised = TextFingerprint.Normalise(text, subject.Terms);
            var fingerprinted = new FingerprintedText(field, text, normalised, TextFingerprint.ExactHash(normalised),
                TextFingerprint.Signature(TextFingerprint.Shingles(normalised)));
            texts.Add(fingerprinted);
            var specifics = Boilerplate.CaseSpecificElements(text, evidenceValues);
            concrete.UnionWith(specifics);
            worstShare = Math.Max(worstShare, Boilerplate.KnownPhraseShare(normalised));
            // A text with case-specific elements is accepted however common its wording; only bare texts need counting.
            var others = specifics.Count > 0 ? 0 : await TextUseCounts.OtherSubjectsAsync(db, d.PlatformId, fingerprinted, subject.Key, options, now, ct);
            if (Boilerplate.Judge(key, normalised, specifics, others, options, evidenceValues) is { Refused: true, Reason: { } reason })
                errors.Add(key, reason);
        }
        d.FactsFingerprint = texts.FirstOrDefault(t => t.Field == TextUseCounts.FactsField)?.ExactHash;
        d.ExplanationFingerprint = texts.FirstOrDefault(t => t.Field == TextUseCounts.ExplanationField)?.ExactHash;
        d.SpecificityScore = Specificity.Score(new SpecificityInput(
            evidence.Count, evidence.Select(e => e.Kind).Distinct(StringComparer.Ordinal).Count(), d.DecisionFacts, concrete.Count,
            d.ClauseId is not null, d.ClauseVersion is not null, worstShare));
        return new Result(errors, texts);
    }
}
