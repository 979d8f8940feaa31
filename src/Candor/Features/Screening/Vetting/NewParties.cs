using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Text;
using Candor.Data;
using Candor.Features.Ads;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Candor.Features.Screening.Vetting;

/// <summary>
/// Records the payers and beneficiaries that ads just written name, and queues a screening of each advertiser that got
/// a party it did not have. Runs inside the ads' transaction, so a party is never stored without its screening queued
/// (or the other way round), whatever happens to the process. The database says which parties are new:
/// <c>INSERT … ON CONFLICT DO NOTHING RETURNING</c>, on both engines, so two nodes writing the same party queue one
/// screening between them.
/// </summary>
public static class NewParties
{
    // Three parameters per party; SQLite allows 32,766 per statement, PostgreSQL 65,535.
    private const int PartiesPerStatement = 1_000;

    /// <summary>Parties this process knows to be stored, per database, so most batches need not send them again.</summary>
    private static readonly ConcurrentDictionary<string, ConcurrentDictionary<Party, byte>> Stored = new(StringComparer.Ordinal);
    // Enough for the parties of thousands of advertisers; past it the set starts again empty (costing one insert each).
    private const int MaxRemembered = 200_000;

    /// <summary>
    /// Records the parties of <paramref name="written"/> that are not known to be stored yet, and queues a screening of
    /// every advertiser that got a new one. Call <see cref="Recorded.Remember"/> once the transaction has committed.
    /// </summary>
    public static async Task<Recorded> QueueScreeningAsync(CandorDb db, TimeProvider clock, long platformId, IEnumerable<Ad> written, CancellationToken ct)
    {
        var stored = Stored.GetOrAdd(db.Database.GetConnectionString() ?? "", _ => new());
        var parties = written.SelectMany(PartiesOf).Distinct()
            // Skipping a party already stored is safe because parties are never deleted; the insert would do nothing.
            // Inserting it anyway cost about 15 ms per 1,000 ads inside SQLite's write lock.
            .Where(p => !stored.ContainsKey(p))
            // One order for every writer: overlapping batches on two nodes wait for each other instead of deadlocking.
            .OrderBy(p => p.AdvertiserId).ThenBy(p => p.Role, StringComparer.Ordinal).ThenBy(p => p.Name, StringComparer.Ordinal)
            .ToList();
        var recorded = new Recorded(stored, parties);
        if (parties.Count == 0) return recorded;
        var advertisers = new HashSet<long>();
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Parties are recorded in the transaction that writes their ads.");
        foreach (var chunk in parties.Chunk(PartiesPerStatement))
            await InsertAsync(connection, transaction, chunk, advertisers, ct);
        if (advertisers.Count == 0) return recorded;
        await Jobs.BackgroundJobs.EnqueueAsync(db, clock, ScreeningJobs.ScreenAdvertisersKind,
            new ScreeningJobs.AdvertisersPayload(platformId, null, advertisers.Order().ToList()), null, ct);
        return recorded;
    }

    /// <summary>A payer or beneficiary of one advertiser.</summary>
    public readonly record struct Party(long AdvertiserId, string Role, string Name);

    /// <summary>The parties a transaction stored or found stored: known to be in the database once it commits, not before.</summary>
    public sealed class Recorded(ConcurrentDictionary<Party, byte> stored, IReadOnlyList<Party> parties)
    {
        public void Remember()
        {
            if (stored.Count + parties.Count > MaxRemembered) stored.Clear();
            foreach (var party in parties) stored.TryAdd(party, 0);
        }
    }

    /// <summary>An ad's payer and beneficiary, when it names them.</summary>
    public static IEnumerable<Party> PartiesOf(Ad ad)
    {
        if (!string.IsNullOrWhiteSpace(ad.Payer)) yield return new(ad.AdvertiserId, SubjectRoles.Payer, ad.Payer);
        if (!string.IsNullOrWhiteSpace(ad.Beneficiary)) yield return new(ad.AdvertiserId, SubjectRoles.Beneficiary, ad.Beneficiary);
    }

    private static async Task InsertAsync(DbConnection connection, DbTransaction transaction,
        Party[] parties, HashSet<long> advertisers, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var sql = new StringBuilder("INSERT INTO advertiser_parties (advertiser_id, role, name) VALUES ");
        for (var i = 0; i < parties.Length; i++)
        {
            sql.Append(i == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"(@a{i}, @r{i}, @n{i})");
            Add(command, string.Create(CultureInfo.InvariantCulture, $"@a{i}"), parties[i].AdvertiserId);
            Add(command, string.Create(CultureInfo.InvariantCulture, $"@r{i}"), parties[i].Role);
            Add(command, string.Create(CultureInfo.InvariantCulture, $"@n{i}"), parties[i].Name);
        }
        command.CommandText = sql.Append(" ON CONFLICT (advertiser_id, role, name) DO NOTHING RETURNING advertiser_id").ToString();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) advertisers.Add(reader.GetInt64(0));
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
