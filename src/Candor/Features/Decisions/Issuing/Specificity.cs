namespace Candor.Features.Decisions.Issuing;

/// <summary>What the specificity score looks at; built from a Candor-issued decision or from a TDB statement.</summary>
public sealed record SpecificityInput(
    int EvidenceItems, int EvidenceKinds, string Facts, int ConcreteElements, bool ClauseNamed, bool ClauseVersioned, double BoilerplateShare);

/// <summary>
/// How specific a statement of reasons is, 0 (says nothing about the case) to 1. The formula (docs/decisions.md):
/// 0.25 evidence items (3 or more = full) + 0.10 evidence kinds (2 or more) + 0.15 facts length (600 characters)
/// + 0.20 concrete elements (4 or more) + 0.10 clause (half for the id, half for the version)
/// + 0.20 × (1 − share of known boilerplate wording).
/// </summary>
public static class Specificity
{
    public static double Score(SpecificityInput input)
    {
        var score = 0.25 * Math.Min(input.EvidenceItems, 3) / 3.0
                    + 0.10 * Math.Min(input.EvidenceKinds, 2) / 2.0
                    + 0.15 * Math.Min(input.Facts.Length / 600.0, 1)
                    + 0.20 * Math.Min(input.ConcreteElements, 4) / 4.0
                    + 0.05 * (input.ClauseNamed ? 1 : 0) + 0.05 * (input.ClauseVersioned ? 1 : 0)
                    + 0.20 * (1 - Math.Clamp(input.BoilerplateShare, 0, 1));
        return Math.Round(Math.Clamp(score, 0, 1), 3);
    }

    /// <summary>
    /// A statement received through the TDB API: it has no evidence items or clause reference, so the ground text stands
    /// for the clause and a reference url for its version. Cheap enough for the ingestion hot path (no database).
    /// <paramref name="normalisedFacts"/> is <see cref="TextFingerprint.Normalise"/> of the facts, which the caller fingerprints too.
    /// </summary>
    public static double OfStatement(Decision d, string normalisedFacts)
    {
        var text = d.DecisionFacts + "\n" + (d.IncompatibleContentExplanation ?? d.IllegalContentExplanation);
        return Score(new SpecificityInput(0, 0, d.DecisionFacts, Boilerplate.CaseSpecificElements(text, []).Count,
            d.IncompatibleContentGround is not null || d.IllegalContentLegalGround is not null, d.DecisionGroundReferenceUrl is not null,
            Boilerplate.KnownPhraseShare(normalisedFacts)));
    }
}
