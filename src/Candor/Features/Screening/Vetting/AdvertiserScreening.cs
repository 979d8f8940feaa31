using Candor.Data;
using Candor.Features.Screening.Matching;
using Candor.Features.Screening.Storage;
using Microsoft.EntityFrameworkCore;

namespace Candor.Features.Screening.Vetting;

/// <summary>Screens advertisers' names (legal, display, and their ads' payers and beneficiaries) and stores the findings.</summary>
public static class AdvertiserScreening
{
    private sealed record Subject(long PlatformId, long AdvertiserId, string Name, string Role, string? Country);

    /// <summary>What a screening run changed: findings opened, and the advertisers whose counting findings changed.</summary>
    public sealed record Outcome(int Opened, int AdvertisersChanged);

    /// <summary>
    /// Screens the given advertisers against <paramref name="index"/> and stores the findings. In the same transaction it
    /// keeps the findings' review items in step (<see cref="FindingReviewItems"/>) and queues an evaluation of every
    /// advertiser (and its ads) whose open or confirmed findings changed, so a rule reading screening sees exactly the
    /// findings this run stored, whether screening ran before or after the subject's first evaluation.
    /// </summary>
    public static async Task<Outcome> ScreenAsync(CandorDb db, TimeProvider clock, LoadedIndex index, IReadOnlyCollection<long> advertiserIds, CancellationToken ct)
    {
        if (advertiserIds.Count == 0) return new(0, 0);
        var ids = advertiserIds.Distinct().ToList();
        var subjects = await SubjectsAsync(db, ids, ct);
        var hits = new List<FindingHit>();
        foreach (var s in subjects)
        {
            var result = index.Index.Search(new ScreeningQuery(s.Name, s.Country, MinScore: ScreenName.RecommendedMinScore, Limit: ScreenName.DefaultLimit));
            // A name the matcher refuses (only symbols) has nothing to find; the platform's own validation owns it.
            foreach (var m in result.Matches)
                hits.Add(new FindingHit(s.PlatformId, s.AdvertiserId, s.Name, s.Role, ScreenName.From(index, m), m.EntryKey, index.EntryHashOf(m.List, m.EntryKey)));
        }
        // Two jobs may screen one advertiser at once (its ingest job and a rescreen on another node); the loser of the
        // unique (advertiser, name, entry) race reloads and updates instead.
        var outcome = await UniqueConflictRetry.RunAsync(db, async token =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(token);
            var existing = await db.ScreeningFindings.Where(f => EF.Parameter(ids).Contains(f.AdvertiserId)).ToListAsync(token);
            var before = existing.ToDictionary(f => f, f => (f.State, f.Score));
            // Read just before writing: a list withdrawn after this index was built must not get its findings back.
            var withdrawn = (await ListSnapshotQueries.Withdrawn(db).ToListAsync(token)).ToHashSet(StringComparer.Ordinal);
            var now = clock.GetUtcNow();
            var added = FindingReconciliation.Apply(existing, hits, index, now, withdrawn);
            db.ScreeningFindings.AddRange(added);
            await db.SaveChangesAsync(token);
            var changed = FindingChanges.ChangedAdvertisers(before, added);
            await FindingReviewItems.SyncAsync(db, ids, now, token);
            Evaluations.EvaluationJobs.AddAfterFindingChanges(db, clock, changed);
            await db.SaveChangesAsync(token);
            await transaction.CommitAsync(token);
            db.ChangeTracker.Clear();
            return new Outcome(added.Count, changed.Count);
        }, ct);
        if (outcome.AdvertisersChanged > 0) Jobs.JobSignal.Poke();
        return outcome;
    }

    private static async Task<List<Subject>> SubjectsAsync(CandorDb db, List<long> ids, CancellationToken ct)
    {
        var advertisers = await db.Advertisers.AsNoTracking().Where(a => EF.Parameter(ids).Contains(a.Id))
            .Select(a => new { a.Id, a.PlatformId, a.LegalName, a.DisplayName, a.Country }).ToListAsync(ct);
        // The parties every ad of theirs ever named (NewParties keeps them): not a scan of their ads.
        var parties = (await db.AdvertiserParties.AsNoTracking().Where(p => EF.Parameter(ids).Contains(p.AdvertiserId))
                .Select(p => new { p.AdvertiserId, p.Role, p.Name }).ToListAsync(ct))
            .ToLookup(p => p.AdvertiserId);
        var subjects = new List<Subject>();
        foreach (var a in advertisers)
        {
            var names = new List<(string Name, string Role)> { (a.LegalName, SubjectRoles.LegalName) };
            if (!string.IsNullOrWhiteSpace(a.DisplayName)) names.Add((a.DisplayName, SubjectRoles.DisplayName));
            // A fixed order (payers first, then by name), so a name in both roles is always screened under the same one.
            foreach (var p in parties[a.Id].OrderBy(p => p.Role == SubjectRoles.Payer ? 0 : 1).ThenBy(p => p.Name, StringComparer.Ordinal))
                names.Add((p.Name, p.Role));
            // The same name in two roles is screened once, under the first role (legal name before payer).
            subjects.AddRange(names.DistinctBy(n => n.Name, StringComparer.Ordinal).Select(n => new Subject(a.PlatformId, a.Id, n.Name, n.Role, a.Country)));
        }
        return subjects;
    }
}
