using System.Data.Common;
using System.Text;
using Candor.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Candor.Features.Decisions.Tdb;

/// <summary>
/// Stores received statements with their "issued" events, or nothing when a puid is taken. The database decides, in one
/// transaction, so a puid another node committed a moment ago (or is committing now: PostgreSQL waits for it) is
/// reported, never stored twice. SQLite: <c>INSERT … ON CONFLICT (platform_id, puid) DO NOTHING RETURNING</c> per row.
/// PostgreSQL: binary COPY (<see cref="PostgresCopy"/>), which the unique puid index fails as a whole; the taken puids
/// are then read back. EF cannot say either, hence direct SQL; columns and value conversions come from the EF model,
/// so the SQL follows the migrations.
/// </summary>
public static class StatementRowWrites
{
    private const int Attempts = 3;

    /// <summary>The puids among <paramref name="decisions"/> that this platform had already used, in input order; empty when all were stored.</summary>
    public static async Task<IReadOnlyList<string>> InsertAsync(CandorDb db, IReadOnlyList<Decision> decisions, string actor, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var taken = await InsertOnceAsync(db, decisions, actor, ct);
                // A failure can hide a commit that went through (the connection dropped after COMMIT reached the server):
                // the retry then finds every puid taken, by this very call. Its rows carry this call's uuids, so it is
                // recognised and answered as the success it was, not as duplicates.
                if (taken.Count > 0 && attempt > 1 && await StoredByThisCallAsync(db, decisions, ct)) return [];
                return taken;
            }
            catch (DbException ex) when (attempt < Attempts && IsTransient(ex))
            {
                // Rows go in puid order so overlapping batches lock alike; a deadlock is still retried rather than failed.
                // So is a timeout or a dropped connection (a node starved of CPU can keep its transaction open long enough for
                // a waiting node's command to time out): a puid another node stored in the meantime is then reported as
                // taken; nothing is ever stored twice.
            }
        }
    }

    /// <summary>PostgreSQL's own judgement (deadlock, timeout, dropped connection); SQLite's lock still busy after its wait.</summary>
    private static bool IsTransient(DbException ex) =>
        ex is NpgsqlException { IsTransient: true } or Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 5 or 6 };

    /// <summary>Whether every decision is stored under its own uuid (uuids are made once per call, before the first attempt).</summary>
    private static async Task<bool> StoredByThisCallAsync(CandorDb db, IReadOnlyList<Decision> decisions, CancellationToken ct)
    {
        var uuids = decisions.Select(d => d.Uuid).ToList();
        var stored = await db.Decisions.AsNoTracking().Where(d => EF.Parameter(uuids).Contains(d.Uuid))
            .Select(d => new { d.Uuid, d.Id, d.Puid }).ToListAsync(ct);
        if (stored.Count != decisions.Count) return false;
        var byUuid = stored.ToDictionary(s => s.Uuid);
        if (decisions.Any(d => byUuid[d.Uuid].Puid != d.Puid)) return false;
        foreach (var d in decisions) d.Id = byUuid[d.Uuid].Id;
        return true;
    }

    private static async Task<IReadOnlyList<string>> InsertOnceAsync(CandorDb db, IReadOnlyList<Decision> decisions, string actor, CancellationToken ct)
    {
        var ordered = decisions.OrderBy(d => d.Puid, StringComparer.Ordinal).ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (db.Database.GetDbConnection() is NpgsqlConnection postgres)
        {
            if (!await CopyPostgresAsync(postgres, db, ordered, actor, ct))
            {
                await transaction.RollbackAsync(ct);
                var taken = await TakenPuidsAsync(db, decisions, ct);
                // Never answer success for rows that were not stored.
                return taken.Count > 0 ? taken : throw new InvalidOperationException("A puid of the batch conflicted, but none is stored; nothing was stored.");
            }
            await transaction.CommitAsync(ct);
            return [];
        }
        var connection = db.Database.GetDbConnection();
        var ids = await InsertPerRowAsync(connection, transaction.GetDbTransaction(), ModelTable.Of(db, typeof(Decision)), ordered, ct);
        if (ids.Count < decisions.Count)
        {
            await transaction.RollbackAsync(ct);
            return decisions.Select(d => d.Puid).Where(p => !ids.ContainsKey(p)).ToList();
        }
        foreach (var d in decisions) d.Id = ids[d.Puid];
        await InsertPerRowAsync(connection, transaction.GetDbTransaction(), ModelTable.Of(db, typeof(DecisionEvent)), IssuedEvents(decisions, actor), ct);
        await transaction.CommitAsync(ct);
        return [];
    }

    private static List<DecisionEvent> IssuedEvents(IReadOnlyList<Decision> decisions, string actor) =>
        decisions.Select(d => DecisionEventLog.New(d.Id, DecisionEventKinds.Issued, d.IssuedAt ?? d.CreatedAt, actor)).ToList();

    /// <summary>
    /// PostgreSQL: ids from the sequence, then decisions and events by binary COPY (<see cref="PostgresCopy"/>). A puid
    /// already stored, or being stored by a transaction still open (the unique index makes COPY wait for it), fails the
    /// COPY with a unique violation on the puid index: false, and the caller rolls back and asks which puids were taken.
    /// </summary>
    private static async Task<bool> CopyPostgresAsync(NpgsqlConnection connection, CandorDb db, List<Decision> ordered, string actor, CancellationToken ct)
    {
        var decisionCopy = PostgresCopy.Of(db, typeof(Decision), withId: true);
        var ids = await decisionCopy.ReserveIdsAsync(connection, ordered.Count, ct);
        for (var i = 0; i < ordered.Count; i++) ordered[i].Id = ids[i];
        try
        {
            await decisionCopy.WriteAsync(connection, ordered, ct);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation && ex.ConstraintName == DecisionConfiguration.PuidIndex)
        {
            return false;
        }
        await PostgresCopy.Of(db, typeof(DecisionEvent), withId: false).WriteAsync(connection, IssuedEvents(ordered, actor), ct);
        return true;
    }

    /// <summary>
    /// The puids of <paramref name="decisions"/> this platform has stored, in input order, read after the failed COPY rolled
    /// back (a new snapshot sees the transaction it waited for). Never empty, as decisions are never deleted.
    /// </summary>
    private static async Task<IReadOnlyList<string>> TakenPuidsAsync(CandorDb db, IReadOnlyList<Decision> decisions, CancellationToken ct)
    {
        var platformId = decisions[0].PlatformId;
        var puids = decisions.Select(d => d.Puid).ToList();
        var stored = (await db.Decisions.AsNoTracking().Where(d => d.PlatformId == platformId && EF.Parameter(puids).Contains(d.Puid))
            .Select(d => d.Puid).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        return puids.Where(stored.Contains).ToList();
    }

    /// <summary>SQLite's puid check: a taken puid returns no row.</summary>
    private static string Conflict(ModelTable table) =>
        table.Name == "decisions" ? $" ON CONFLICT ({table.Column(nameof(Decision.PlatformId))}, {table.Column(nameof(Decision.Puid))}) DO NOTHING RETURNING id, puid" : "";

    /// <summary>SQLite: one statement per row (its fastest way), RETURNING nothing for a puid already taken.</summary>
    private static async Task<Dictionary<string, long>> InsertPerRowAsync<T>(
        DbConnection connection, DbTransaction transaction, ModelTable table, IReadOnlyList<T> rows, CancellationToken ct)
    {
        var ids = new Dictionary<string, long>(StringComparer.Ordinal);
        var conflict = Conflict(table);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"{table.InsertPrefix} VALUES ({string.Join(", ", table.Columns.Select((_, i) => "$p" + i))}){conflict}";
        foreach (var row in rows)
        {
            command.Parameters.Clear();
            for (var c = 0; c < table.Columns.Length; c++) command.Parameters.Add(table.Parameter(command, "$p" + c, row!, c));
            if (conflict.Length == 0)
            {
                await command.ExecuteNonQueryAsync(ct);
                continue;
            }
            await using var reader = await command.ExecuteReaderAsync(ct);
            if (await reader.ReadAsync(ct)) ids[reader.GetString(1)] = reader.GetInt64(0);
        }
        return ids;
    }

    /// <summary>A table's insertable columns as the EF model maps them.</summary>
    private sealed class ModelTable
    {
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<(IModel, Type), ModelTable> Cache = new();

        private readonly IProperty[] _properties;
        private readonly IClrPropertyGetter[] _getters;
        private readonly RelationalTypeMapping[] _mappings;

        private ModelTable(IEntityType entity)
        {
            Name = entity.GetTableName()!;
            var store = StoreObjectIdentifier.Table(Name, entity.GetSchema());
            _properties = entity.GetProperties().Where(p => !p.IsPrimaryKey()).ToArray();
            Columns = _properties.Select(p => p.GetColumnName(store)!).ToArray();
            _getters = _properties.Select(p => p.GetGetter()).ToArray();
            _mappings = _properties.Select(p => (RelationalTypeMapping)p.GetTypeMapping()).ToArray();
            InsertPrefix = $"INSERT INTO {Name} ({string.Join(", ", Columns)})";
        }

        public string Name { get; }
        public string[] Columns { get; }
        public string InsertPrefix { get; }

        public static ModelTable Of(CandorDb db, Type entity) =>
            Cache.GetOrAdd((db.Model, entity), key => new ModelTable(key.Item1.FindEntityType(key.Item2)!));

        public string Column(string property) => Columns[Array.FindIndex(_properties, p => p.Name == property)];

        /// <summary>The value as EF would send it (converters, DbType, provider specifics) via the property's type mapping.</summary>
        public DbParameter Parameter(DbCommand command, string name, object row, int column) =>
            _mappings[column].CreateParameter(command, name, _getters[column].GetClrValue(row), nullable: true);
    }
}
