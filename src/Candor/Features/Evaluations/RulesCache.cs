using System.Collections.Concurrent;
using Candor.Data;

namespace Candor.Features.Evaluations;

/// <summary>
/// The compiled rules in force per platform, shared by every request and job of this process. Compiling a catalogue
/// costs milliseconds; checking whether it changed is one small query (<see cref="RulesInForce.FingerprintAsync"/>),
/// done at most every <see cref="CheckInterval"/> per platform or when told. Every node re-reads the database, so a
/// policy imported on one node (or a version that became effective) reaches the others within the interval.
/// Compiled sets are shared by fingerprint: platforms that only use the installation's catalogue share one.
/// </summary>
public sealed class RulesCache(TimeProvider clock)
{
    public static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(5);

    private sealed record Entry(string Fingerprint, LoadedRules? Rules, DateTimeOffset CheckedAt);

    private readonly ConcurrentDictionary<long, Entry> _byPlatform = new();
    private readonly ConcurrentDictionary<string, LoadedRules?> _byFingerprint = new(StringComparer.Ordinal);

    /// <summary>How many times a catalogue was compiled (tests and the benchmark read it).</summary>
    public int Compilations => _compilations;
    private int _compilations;

    /// <summary>
    /// The rules in force for the platform now, or null when none is. <paramref name="fresh"/> skips the interval (the
    /// re-evaluation job uses it so it never runs a version older than the one that triggered it).
    /// </summary>
    public async Task<LoadedRules?> GetAsync(CandorDb db, long platformId, CancellationToken ct, bool fresh = false)
    {
        var now = clock.GetUtcNow();
        if (!fresh && _byPlatform.TryGetValue(platformId, out var entry) && now - entry.CheckedAt < CheckInterval && now >= entry.CheckedAt)
            return entry.Rules;
        var fingerprint = await RulesInForce.FingerprintAsync(db, platformId, now, ct);
        if (!_byFingerprint.TryGetValue(fingerprint, out var rules))
        {
            rules = await RulesInForce.LoadAsync(db, platformId, now, ct);
            Interlocked.Increment(ref _compilations);
            // The fingerprint read under LoadAsync may be newer than ours; key by the one the rules carry.
            _byFingerprint[rules?.Fingerprint ?? fingerprint] = rules;
            if (_byFingerprint.Count > 256) TrimUnused();
        }
        _byPlatform[platformId] = new Entry(fingerprint, rules, now);
        return rules;
    }

    /// <summary>Forget the checks so the next use re-reads the database (after a policy import on this node).</summary>
    public void Invalidate() => _byPlatform.Clear();

    private void TrimUnused()
    {
        var used = _byPlatform.Values.Select(e => e.Fingerprint).ToHashSet(StringComparer.Ordinal);
        foreach (var key in _byFingerprint.Keys.Where(k => !used.Contains(k))) _byFingerprint.TryRemove(key, out _);
    }
}
