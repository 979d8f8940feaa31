using System.Data.Common;
using Candor.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Candor.Features.Ads;

/// <summary>
/// The ingestion hot path's writes as direct SQL, because bench/Candor.Bench showed change-tracked SaveChanges
/// to be most of the gap to raw inserts (docs/performance.md): whole <c>ads</c> rows inserted and updated in
/// one transaction per call.
/// SQLite re-executes one prepared statement per row; PostgreSQL gets one binary COPY and one UPDATE from arrays.
/// Columns and value conversions come from the EF model, so the SQL follows the migrations.
/// </summary>
public static class AdRowWrites
{
    // Written once when a row is created; an update leaves them as they are.
    private static readonly HashSet<string> Immutable = [nameof(Ad.Id), nameof(Ad.PlatformId), nameof(Ad.ExternalId), nameof(Ad.CreatedAt)];

    /// <summary>Column names and provider values of the <c>ads</c> table, as EF would write them.</summary>
    public sealed class Columns
    {
        private readonly IClrPropertyGetter[] _getters;
        private readonly ValueConverter?[] _converters;

        public Columns(CandorDb db, bool forUpdate)
        {
            var entity = db.Model.FindEntityType(typeof(Ad))!;
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            var properties = entity.GetProperties().Where(p => forUpdate ? !Immutable.Contains(p.Name) : !p.IsPrimaryKey()).ToArray();
            Names = properties.Select(p => p.GetColumnName(table)!).ToArray();
            _getters = properties.Select(p => p.GetGetter()).ToArray();
            _converters = properties.Select(p => p.GetTypeMapping().Converter).ToArray();
            StoreTypes = properties.Select(p => ((RelationalTypeMapping)p.GetTypeMapping()).StoreTypeNameBase).ToArray();
            ProviderTypes = properties.Select(p =>
            {
                var type = p.GetTypeMapping().Converter?.ProviderClrType ?? p.ClrType;
                var underlying = Nullable.GetUnderlyingType(type) ?? type;
                return underlying.IsValueType ? typeof(Nullable<>).MakeGenericType(underlying) : underlying;
            }).ToArray();
        }

        public string[] Names { get; }

        /// <summary>Each column's PostgreSQL type without length or precision (<c>character varying</c>, <c>numeric</c>).</summary>
        public string[] StoreTypes { get; }

        /// <summary>Each column's provider CLR type, nullable, for typed arrays of its values.</summary>
        public Type[] ProviderTypes { get; }

        /// <summary>The column's value for a parameter: <see cref="DBNull"/> for null.</summary>
        public object ValueOf(Ad ad, int column) => ProviderValue(ad, column) ?? DBNull.Value;

        public object? ProviderValue(Ad ad, int column)
        {
            var value = _getters[column].GetClrValue(ad);
            if (value is null) return null;
            return _converters[column] is { } converter ? converter.ConvertToProvider(value) : value;
        }
    }

    /// <summary>
    /// Inserts <paramref name="created"/> (setting each one's <see cref="Ad.Id"/> from the database) and updates
    /// <paramref name="updated"/> (by id), all or nothing.
    /// </summary>
    /// <exception cref="DbUpdateException">On any database error, so <see cref="UniqueConflictRetry"/> sees a unique conflict as EF reports it.</exception>
    /// <param name="beforeCommit">Runs inside the transaction after the rows are written (e.g. to queue a job with them).</param>
    public static async Task WriteAsync(CandorDb db, IReadOnlyList<Ad> created, IReadOnlyList<Ad> updated, CancellationToken ct,
        Func<CancellationToken, Task>? beforeCommit = null)
    {
        if (created.Count == 0 && updated.Count == 0) return;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var connection = db.Database.GetDbConnection();
        var dbTransaction = transaction.GetDbTransaction();
        try
        {
            if (connection is NpgsqlConnection postgres)
            {
                await InsertPostgresAsync(postgres, PostgresCopy.Of(db, typeof(Ad), withId: true), created, ct);
                await UpdatePostgresAsync(postgres, new Columns(db, forUpdate: true), updated, ct);
            }
            else
            {
                var insert = new Columns(db, forUpdate: false);
                var update = new Columns(db, forUpdate: true);
                await InsertSqliteAsync(connection, dbTransaction, insert, created, ct);
                await UpdateSqliteAsync(connection, dbTransaction, update, updated, ct);
            }
            if (beforeCommit is not null) await beforeCommit(ct);
        }
        catch (DbException ex)
        {
            throw new DbUpdateException("Storing the ads failed; nothing was stored.", ex);
        }
        await transaction.CommitAsync(ct);
    }

    private static string InsertSql(Columns columns) =>
        $"INSERT INTO ads ({string.Join(", ", columns.Names)}) VALUES ({string.Join(", ", columns.Names.Select((_, i) => "$p" + i))})";

    private static string UpdateSql(Columns columns) =>
        $"UPDATE ads SET {string.Join(", ", columns.Names.Select((n, i) => $"{n} = $p{i}"))} WHERE id = $id";

    /// <summary>
    /// One prepared INSERT re-executed per row, each row's id read from the connection right after it: the caller queues
    /// work by id in the same transaction, and reading the ids back with a second query cost about 4 ms per 1,000 ads
    /// inside SQLite's write lock (RETURNING would open a data reader per row).
    /// </summary>
    private static async Task InsertSqliteAsync(DbConnection connection, DbTransaction transaction, Columns columns, IReadOnlyList<Ad> ads, CancellationToken ct)
    {
        if (ads.Count == 0) return;
        var handle = ((SqliteConnection)connection).Handle;
        await using var command = PerRowCommand(connection, transaction, InsertSql(columns), columns, byId: false, out var parameters, out _);
        await command.PrepareAsync(ct);
        foreach (var ad in ads)
        {
            for (var c = 0; c < parameters.Length; c++) parameters[c].Value = columns.ValueOf(ad, c);
            await command.ExecuteNonQueryAsync(ct);
            // This connection is the only writer in its transaction, so the last rowid is this row's (ads.id is the rowid).
            ad.Id = SQLitePCL.raw.sqlite3_last_insert_rowid(handle);
        }
    }

    /// <summary>One prepared UPDATE re-executed per row, by id: the fastest way to write many rows to SQLite.</summary>
    private static async Task UpdateSqliteAsync(DbConnection connection, DbTransaction transaction, Columns columns, IReadOnlyList<Ad> ads, CancellationToken ct)
    {
        if (ads.Count == 0) return;
        await using var command = PerRowCommand(connection, transaction, UpdateSql(columns), columns, byId: true, out var parameters, out var id);
        await command.PrepareAsync(ct);
        foreach (var ad in ads)
        {
            for (var c = 0; c < parameters.Length; c++) parameters[c].Value = columns.ValueOf(ad, c);
            id.Value = ad.Id;
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    private static DbCommand PerRowCommand(DbConnection connection, DbTransaction transaction, string sql, Columns columns, bool byId,
        out DbParameter[] parameters, out DbParameter id)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        parameters = new DbParameter[columns.Names.Length];
        for (var c = 0; c < parameters.Length; c++)
        {
            parameters[c] = command.CreateParameter();
            parameters[c].ParameterName = "$p" + c;
            command.Parameters.Add(parameters[c]);
        }
        id = command.CreateParameter();
        id.ParameterName = "$id";
        if (byId) command.Parameters.Add(id);
        return command;
    }

    /// <summary>
    /// Binary COPY with ids drawn from the sequence first (<see cref="PostgresCopy"/>): PostgreSQL spends a fraction of the
    /// CPU per row that a multi-row INSERT with tens of thousands of parameters costs it. An external id another node
    /// stored meanwhile fails the COPY with a unique violation, which <see cref="UniqueConflictRetry"/> turns into a re-run.
    /// </summary>
    private static async Task InsertPostgresAsync(NpgsqlConnection connection, PostgresCopy copy, IReadOnlyList<Ad> ads, CancellationToken ct)
    {
        if (ads.Count == 0) return;
        var ids = await copy.ReserveIdsAsync(connection, ads.Count, ct);
        for (var i = 0; i < ads.Count; i++) ads[i].Id = ids[i];
        await copy.WriteAsync(connection, ads, ct);
    }

    /// <summary>
    /// One <c>UPDATE … FROM unnest(…)</c> with one array parameter per column: PostgreSQL parses and plans it once per call,
    /// where a batch of single-row UPDATEs was parsed and planned once per ad (docs/performance.md).
    /// </summary>
    private static async Task UpdatePostgresAsync(NpgsqlConnection connection, Columns columns, IReadOnlyList<Ad> ads, CancellationToken ct)
    {
        if (ads.Count == 0) return;
        await using var command = new NpgsqlCommand { Connection = connection };
        command.Parameters.Add(new NpgsqlParameter { Value = ads.Select(a => a.Id).ToArray(), DataTypeName = "bigint[]" });
        for (var c = 0; c < columns.Names.Length; c++)
        {
            var values = Array.CreateInstance(columns.ProviderTypes[c], ads.Count);
            for (var r = 0; r < ads.Count; r++) values.SetValue(columns.ProviderValue(ads[r], c), r);
            command.Parameters.Add(new NpgsqlParameter { Value = values, DataTypeName = columns.StoreTypes[c] + "[]" });
        }
        command.CommandText =
            $"UPDATE ads SET {string.Join(", ", columns.Names.Select(n => $"{n} = v.{n}"))} " +
            $"FROM unnest({string.Join(", ", Enumerable.Range(1, columns.Names.Length + 1).Select(i => "$" + i))}) AS v(id, {string.Join(", ", columns.Names)}) " +
            "WHERE ads.id = v.id";
        await command.ExecuteNonQueryAsync(ct);
    }
}
