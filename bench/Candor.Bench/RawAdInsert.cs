using System.Text;
using Candor.Data;
using Candor.Features.Ads;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Candor.Bench;

/// <summary>
/// The baseline: the rows the API would store, already converted to column values, inserted into the same
/// <c>ads</c> table with plain ADO.NET, one transaction per batch. SQLite: one prepared INSERT re-executed
/// per row. PostgreSQL: one multi-row INSERT with parameters per batch (and, as a second baseline, binary COPY).
/// </summary>
public static class RawAdInsert
{
    /// <summary>Column names and provider values of each row, converted as EF converts them, before anything is timed.</summary>
    public static (string[] Columns, List<object?[]> Rows) ToColumns(CandorDb db, IEnumerable<Ad> ads)
    {
        var columns = new AdRowWrites.Columns(db, forUpdate: false);
        var rows = ads.Select(ad => Enumerable.Range(0, columns.Names.Length).Select(c => (object?)columns.ValueOf(ad, c)).ToArray()).ToList();
        return (columns.Names, rows);
    }

    public static async Task InsertAsync(CandorDb db, string[] columns, IReadOnlyList<object?[]> rows, int batchSize, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            if (connection is SqliteConnection sqlite) await InsertSqliteAsync(sqlite, columns, rows, batchSize, ct);
            else await InsertPostgresAsync((NpgsqlConnection)connection, columns, rows, batchSize, ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>PostgreSQL's binary COPY of the same rows, one transaction per batch, ids left to the table's default.</summary>
    public static async Task CopyAsync(CandorDb db, IReadOnlyList<Ad> ads, int batchSize, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            var copy = PostgresCopy.Of(db, typeof(Ad), withId: false);
            foreach (var batch in ads.Chunk(batchSize))
            {
                await using var transaction = await connection.BeginTransactionAsync(ct);
                await copy.WriteAsync(connection, batch, ct);
                await transaction.CommitAsync(ct);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task InsertSqliteAsync(SqliteConnection connection, string[] columns, IReadOnlyList<object?[]> rows, int batchSize, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO ads ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i))})";
        var parameters = columns.Select((_, i) => command.Parameters.Add(new SqliteParameter { ParameterName = "$p" + i })).ToArray();
        for (var start = 0; start < rows.Count; start += batchSize)
        {
            await using var transaction = await connection.BeginTransactionAsync(ct);
            command.Transaction = (SqliteTransaction)transaction;
            command.Prepare();
            foreach (var row in rows.Skip(start).Take(batchSize))
            {
                for (var c = 0; c < row.Length; c++) parameters[c].Value = row[c] ?? DBNull.Value;
                await command.ExecuteNonQueryAsync(ct);
            }
            await transaction.CommitAsync(ct);
        }
    }

    private static async Task InsertPostgresAsync(NpgsqlConnection connection, string[] columns, IReadOnlyList<object?[]> rows, int batchSize, CancellationToken ct)
    {
        for (var start = 0; start < rows.Count; start += batchSize)
        {
            var batch = rows.Skip(start).Take(batchSize).ToList();
            await using var transaction = await connection.BeginTransactionAsync(ct);
            await using var command = new NpgsqlCommand(MultiRowInsert(columns, batch.Count), connection, transaction);
            foreach (var row in batch)
                foreach (var value in row)
                    command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
            await command.ExecuteNonQueryAsync(ct);
            await transaction.CommitAsync(ct);
        }
    }

    private static string MultiRowInsert(string[] columns, int rowCount)
    {
        var sql = new StringBuilder($"INSERT INTO ads ({string.Join(", ", columns)}) VALUES ");
        var p = 1;
        for (var r = 0; r < rowCount; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < columns.Length; c++) sql.Append(c == 0 ? "$" : ", $").Append(p++);
            sql.Append(')');
        }
        return sql.ToString();
    }
}
