using Candor.Data;
using Microsoft.EntityFrameworkCore;

namespace Candor.Features.Decisions.Issuing;

/// <summary>One text of a decision being issued, fingerprinted.</summary>
public sealed record FingerprintedText(string Field, string Text, string Normalised, string ExactHash, ulong[] Signature);

/// <summary>
/// How many other subjects of this platform got the same (or a near-identical) text in a non-draft decision within
/// the window. Exact matches come from the fingerprint columns of every decision, including statements received
/// through the TDB API; near-duplicates from the MinHash bands of decisions Candor issued.
/// </summary>
public static class TextUseCounts
{
    public const string FactsField = "decision_facts";
    public const string ExplanationField = "explanation";
    /// <summary>Enough to say "at least this many"; reading more rows would not change the answer.</summary>
    private const int ReadLimit = 5_000;

    public static string SubjectKey(long? advertiserId, long? adId, string puid) =>
        advertiserId is { } a ? $"advertiser:{a}" : adId is { } ad ? $"ad:{ad}" : $"statement:{puid}";

    public static async Task<int> OtherSubjectsAsync(
        CandorDb db, long platformId, FingerprintedText text, string subjectKey, BoilerplateOptions options, DateTimeOffset now, CancellationToken ct)
    {
        var since = now - options.Window;
        var decisions = db.Decisions.AsNoTracking().Where(d => d.PlatformId == platformId && d.Status != DecisionStatuses.Draft && d.CreatedAt >= since);
        decisions = text.Field == FactsField
            ? decisions.Where(d => d.FactsFingerprint == text.ExactHash)
            : decisions.Where(d => d.ExplanationFingerprint == text.ExactHash);
        var exact = await decisions.Select(d => new { d.AdvertiserId, d.AdId, d.Puid }).Take(ReadLimit).ToListAsync(ct);
        var subjects = exact.Select(d => SubjectKey(d.AdvertiserId, d.AdId, d.Puid)).ToHashSet(StringComparer.Ordinal);

        var bands = TextFingerprint.BandKeys(text.Signature);
        var candidates = await db.Set<DecisionText>().AsNoTracking()
            .Where(t => t.PlatformId == platformId && t.Field == text.Field && t.CreatedAt >= since
                        && db.Set<DecisionTextBand>().Any(b => b.DecisionTextId == t.Id && b.PlatformId == platformId && bands.Contains(b.BandKey)))
            .Select(t => new { t.SubjectKey, t.Signature })
            .Take(ReadLimit).ToListAsync(ct);
        foreach (var candidate in candidates)
            if (TextFingerprint.Similarity(text.Signature, TextFingerprint.Decode(candidate.Signature)) >= options.NearDuplicateSimilarity)
                subjects.Add(candidate.SubjectKey);

        subjects.Remove(subjectKey);
        return subjects.Count;
    }

    /// <summary>Stores the signature and band keys of an issued decision's text; saved with the decision.</summary>
    public static void Record(CandorDb db, Decision decision, FingerprintedText text, string subjectKey, DateTimeOffset now)
    {
        var row = new DecisionText
        {
            Decision = decision,
            PlatformId = decision.PlatformId,
            Field = text.Field,
            SubjectKey = subjectKey,
            Signature = TextFingerprint.Encode(text.Signature),
            CreatedAt = now,
        };
        db.Set<DecisionText>().Add(row);
        foreach (var band in TextFingerprint.BandKeys(text.Signature))
            db.Set<DecisionTextBand>().Add(new DecisionTextBand { DecisionText = row, PlatformId = decision.PlatformId, BandKey = band, CreatedAt = now });
    }
}
