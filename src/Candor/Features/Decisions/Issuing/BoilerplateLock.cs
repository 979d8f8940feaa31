using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Candor.Data;
using Microsoft.EntityFrameworkCore;

namespace Candor.Features.Decisions.Issuing;

/// <summary>
/// Makes the boilerplate count and the insert of the decision that it lets through one atomic step, so that two
/// decisions issued at the same moment with the same text cannot both be counted before the other exists.
/// Taken inside the issuing transaction, before the count; held until it commits (docs/decisions.md, "Atomic count").
/// </summary>
public static class BoilerplateLock
{
    /// <summary>
    /// PostgreSQL: one transaction-scoped advisory lock per MinHash band key of each text (per platform and field). The count
    /// finds earlier uses only through these band keys (an exact copy has the same signature, so the same keys), so any
    /// two decisions that could count each other share a lock, while unrelated texts never wait for each other. Keys are
    /// taken in ascending order in one statement, so two issues locking overlapping sets cannot deadlock.
    /// SQLite: nothing to do — the transaction began with <c>BEGIN IMMEDIATE</c> (Microsoft.Data.Sqlite's default), which
    /// holds the database's single write lock, across processes too, until commit.
    /// </summary>
    public static async Task TakeAsync(CandorDb db, long platformId, IReadOnlyList<FingerprintedText> texts, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql() || texts.Count == 0) return;
        var keys = KeysOf(platformId, texts);
        await db.Database.ExecuteSqlAsync(
            $"SELECT count(pg_advisory_xact_lock(k)) FROM (SELECT k FROM unnest({keys}) AS k ORDER BY k) AS ordered", ct);
    }

    /// <summary>The advisory lock keys of the texts, distinct and ascending. Pure, so the key scheme is tested on its own.</summary>
    public static long[] KeysOf(long platformId, IReadOnlyList<FingerprintedText> texts) =>
        texts.SelectMany(t => TextFingerprint.BandKeys(t.Signature).Select(band => Key(platformId, t.Field, band)))
            .Distinct().Order().ToArray();

    /// <summary>
    /// A 64-bit key in a space of its own: the migration lock uses a small constant, and a collision with another
    /// platform's key only makes two issues wait for each other, never counts wrongly.
    /// </summary>
    private static long Key(long platformId, string field, string band) =>
        BinaryPrimitives.ReadInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes($"candor.boilerplate|{platformId}|{field}|{band}")));
}
