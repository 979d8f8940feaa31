using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;

namespace Candor.Data;

/// <summary>
/// Writes rows of an EF-mapped table to PostgreSQL with binary <c>COPY</c>, the hot paths' bulk insert: PostgreSQL
/// spends about a third of the CPU per row that a multi-row <c>INSERT … VALUES</c> with thousands of parameters
/// costs it (parsing and planning that statement is most of it; docs/performance.md). COPY returns nothing, so ids
/// the caller needs are taken from the table's identity sequence first (<see cref="ReserveIdsAsync"/>) and written
/// with the rows. Unique indexes and foreign keys hold as for any insert: a conflict fails the COPY (SQLSTATE 23505),
/// and the caller's transaction with it. Columns and value conversions come from the EF model, so the copy follows
/// the migrations.
/// </summary>
public sealed class PostgresCopy
{
    private static readonly ConcurrentDictionary<(IModel, Type, bool), PostgresCopy> Cache = new();

    private readonly IClrPropertyGetter[] _getters;
    private readonly ValueConverter?[] _converters;
    private readonly string[] _storeTypes;
    private readonly string _copySql;
    private readonly string _reserveSql;

    private PostgresCopy(IEntityType entity, bool withId)
    {
        var table = entity.GetTableName()!;
        var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
        var properties = entity.GetProperties().Where(p => withId || !p.IsPrimaryKey()).ToArray();
        _getters = properties.Select(p => p.GetGetter()).ToArray();
        var mappings = properties.Select(p => (RelationalTypeMapping)p.GetTypeMapping()).ToArray();
        _converters = mappings.Select(m => m.Converter).ToArray();
        // "character varying(200)" is written as "character varying": the binary format has no length, the column checks it.
        _storeTypes = mappings.Select(m => m.StoreTypeNameBase).ToArray();
        _copySql = $"COPY {table} ({string.Join(", ", properties.Select(p => p.GetColumnName(store)))}) FROM STDIN (FORMAT BINARY)";
        var key = entity.FindPrimaryKey()!.Properties.Single().GetColumnName(store);
        _reserveSql = $"SELECT nextval(s.id) FROM (SELECT pg_get_serial_sequence('{table}', '{key}')::regclass AS id) s, generate_series(1, $1)";
    }

    /// <summary>The copy of <paramref name="entity"/>'s rows; <paramref name="withId"/> writes the primary key too (reserved beforehand).</summary>
    public static PostgresCopy Of(CandorDb db, Type entity, bool withId) =>
        Cache.GetOrAdd((db.Model, entity, withId), key => new PostgresCopy(key.Item1.FindEntityType(key.Item2)!, key.Item3));

    /// <summary>
    /// <paramref name="count"/> new ids from the table's identity sequence, ascending. Like ids an INSERT draws, they are
    /// unique across every node and never reused, and a rolled-back transaction leaves a gap.
    /// </summary>
    public async Task<long[]> ReserveIdsAsync(NpgsqlConnection connection, int count, CancellationToken ct)
    {
        var ids = new long[count];
        if (count == 0) return ids;
        await using var command = new NpgsqlCommand(_reserveSql, connection) { Parameters = { new NpgsqlParameter<int> { TypedValue = count } } };
        await using var reader = await command.ExecuteReaderAsync(ct);
        for (var i = 0; await reader.ReadAsync(ct); i++) ids[i] = reader.GetInt64(0);
        Array.Sort(ids);
        return ids;
    }

    /// <summary>Copies <paramref name="rows"/> in the connection's current transaction.</summary>
    public async Task WriteAsync<T>(NpgsqlConnection connection, IReadOnlyList<T> rows, CancellationToken ct) where T : class
    {
        if (rows.Count == 0) return;
        await using var importer = await connection.BeginBinaryImportAsync(_copySql, ct);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(ct);
            for (var c = 0; c < _getters.Length; c++)
            {
                var value = _getters[c].GetClrValue(row);
                if (value is null) await importer.WriteNullAsync(ct);
                else await importer.WriteAsync(_converters[c] is { } converter ? converter.ConvertToProvider(value)! : value, _storeTypes[c], ct);
            }
        }
        await importer.CompleteAsync(ct);
    }
}
