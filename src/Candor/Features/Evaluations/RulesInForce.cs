using Candor.Data;
using Candor.Features.Policies;
using Candor.Features.Rules;
using Microsoft.EntityFrameworkCore;

namespace Candor.Features.Evaluations;

/// <summary>The compiled rules a platform's subjects are evaluated against, and which stored versions they came from.</summary>
public sealed record LoadedRules(RuleSet Rules, IReadOnlyList<(string Id, string Version)> Versions, string Fingerprint)
{
    public string PolicyVersionsJson =>
        System.Text.Json.JsonSerializer.Serialize(Versions.Select(v => new { id = v.Id, version = v.Version }));
}

/// <summary>
/// Which policy versions are in force for a platform at a moment: for every policy of the installation's catalogue
/// and of the platform's own, the highest version whose <c>effective_from</c> has passed. Lists come from every
/// import of each catalogue, the latest of an id winning (the platform's over the installation's).
/// </summary>
public static class RulesInForce
{
    private sealed record Candidate(long Id, string PolicyId, string Version, string VersionKey, DateTimeOffset EffectiveFrom);

    /// <summary>
    /// A cheap string that changes whenever the rules in force change (a new version, one becoming effective, new
    /// lists), so a cache can be checked with one small query instead of recompiling.
    /// </summary>
    public static async Task<string> FingerprintAsync(CandorDb db, long platformId, DateTimeOffset now, CancellationToken ct)
    {
        var (versions, imports) = await InForceAsync(db, platformId, now, ct);
        return Fingerprint(versions, imports);
    }

    /// <summary>The compiled rules in force, or null when the platform has no policy in force.</summary>
    public static async Task<LoadedRules?> LoadAsync(CandorDb db, long platformId, DateTimeOffset now, CancellationToken ct)
    {
        var (versions, imports) = await InForceAsync(db, platformId, now, ct);
        if (versions.Count == 0) return null;
        var ids = versions.Select(v => v.Id).ToList();
        var sources = await db.PolicyVersions.AsNoTracking().Where(v => ids.Contains(v.Id))
            .OrderBy(v => v.PolicyId).Select(v => new { v.SourceFile, v.SourceText }).ToListAsync(ct);
        var lists = new Dictionary<string, NamedList>(StringComparer.Ordinal);
        // Every import of the installation's catalogue, then of the platform's, oldest first: a later import's list
        // replaces an earlier one of the same id, and an import that brought no lists (one policy uploaded alone) does
        // not take away the lists the policies already in force were compiled against.
        foreach (long? owner in new long?[] { null, platformId })
        {
            var all = await db.PolicyImports.AsNoTracking().Where(i => i.PlatformId == owner).OrderBy(i => i.Id).Select(i => i.ListsJson).ToListAsync(ct);
            foreach (var json in all)
                foreach (var (id, list) in PolicyJson.ReadLists(json)) lists[id] = list;
        }
        var (catalogue, errors) = CatalogueReader.ReadPolicies(
            sources.Select(s => new CatalogueReader.SourceFile(s.SourceFile, s.SourceText)).ToList(), lists);
        if (catalogue is null)
            throw new InvalidOperationException("the stored policies in force no longer compile: " + string.Join("; ", errors));
        return new LoadedRules(new RuleSet(catalogue), versions.OrderBy(v => v.PolicyId, StringComparer.Ordinal)
            .Select(v => (v.PolicyId, v.Version)).ToList(), Fingerprint(versions, imports));
    }

    private static async Task<(List<Candidate> Versions, List<long> Imports)> InForceAsync(CandorDb db, long platformId, DateTimeOffset now, CancellationToken ct)
    {
        // Small table (one row per published version): filter in memory so "effective by now" is exact on both engines.
        var candidates = await db.PolicyVersions.AsNoTracking()
            .Where(v => v.PlatformId == null || v.PlatformId == platformId)
            .Select(v => new { v.Id, v.PolicyId, v.Version, v.VersionKey, v.EffectiveFrom, v.PlatformId })
            .ToListAsync(ct);
        var versions = candidates.Where(v => v.EffectiveFrom <= now)
            .GroupBy(v => v.PolicyId, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.MaxBy(v => v.VersionKey, StringComparer.Ordinal)!)
            .Select(v => new Candidate(v.Id, v.PolicyId, v.Version, v.VersionKey, v.EffectiveFrom))
            .ToList();
        var imports = new List<long>();
        foreach (long? owner in new long?[] { null, platformId })
        {
            var latest = await db.PolicyImports.AsNoTracking().Where(i => i.PlatformId == owner)
                .OrderByDescending(i => i.Id).Select(i => (long?)i.Id).FirstOrDefaultAsync(ct);
            if (latest is { } id) imports.Add(id);
        }
        return (versions, imports);
    }

    private static string Fingerprint(List<Candidate> versions, List<long> imports) =>
        string.Join(',', versions.Select(v => v.Id).Order()) + "|" + string.Join(',', imports);
}
