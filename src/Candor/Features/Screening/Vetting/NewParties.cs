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

    public static async Task QueueScreeningAsync(CandorDb db, TimeProvider clock, long platformId, IEnumerable<Ad> written, CancellationToken ct)
    {
        var parties = written.SelectMany(PartiesOf).Distinct()
            // One order for every writer: overlapping batches on two nodes wait for each other instead of deadlocking.
            .OrderBy(p => p.AdvertiserId).ThenBy(p => p.Role, StringComparer.Ordinal).ThenBy(p => p.Name, StringComparer.Ordinal)
            .ToList();
        if (parties.Count == 0) return;
        var advertisers = new HashSet<long>();
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Parties are recorded in the transaction that writes their ads.");
        foreach (var chunk in parties.Chunk(PartiesPerStatement))
            await InsertAsync(connection, transaction, chunk, advertisers, ct);
        if (advertisers.Count == 0) return;
        await Jobs.BackgroundJobs.EnqueueAsync(db, clock, ScreeningJobs.ScreenAdvertisersKind,
            new ScreeningJobs.AdvertisersPayload(platformId, null, advertisers.Order().ToList()), null, ct);
    }

    /// <summary>An ad's payer and beneficiary, when it names them.</summary>
    public static IEnumerable<(long AdvertiserId, string Role, string Name)> PartiesOf(Ad ad)
    {
        if (!string.IsNullOrWhiteSpace(ad.Payer)) yield return (ad.AdvertiserId, SubjectRoles.Payer, ad.Payer);
        if (!string.IsNullOrWhiteSpace(ad.Beneficiary)) yield return (ad.AdvertiserId, SubjectRoles.Beneficiary, ad.Beneficiary);
    }

    private static async Task InsertAsync(DbConnection connection, DbTransaction transaction,
        (long AdvertiserId, string Role, string Name)[] parties, HashSet<long> advertisers, CancellationToken ct)
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
