using Microsoft.EntityFrameworkCore;

namespace Candor.Data;

public static class Schema
{
    /// <summary>
    /// Creates or upgrades the schema. EF Core takes a database-wide lock while migrating, so several nodes
    /// starting together on one PostgreSQL apply each migration once.
    /// </summary>
    public static async Task MigrateAsync(CandorDb db, CancellationToken ct)
    {
        if (db.Database.IsSqlite())
        {
            var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
            var folder = Path.GetDirectoryName(Path.GetFullPath(file));
            if (folder is not null) Directory.CreateDirectory(folder);
        }
        if (db.Database.IsNpgsql()) await MigrateHoldingAdvisoryLockAsync(db, ct);
        else await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
        {
            // WAL lets readers (public pages) run while an import writes; it is a property of the file, set once.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
    }

    /// <summary>Any constant, the same in every node: the advisory lock that serialises schema migration.</summary>
    private const long MigrationLockKey = 0x43616E646F72; // "Candor"

    /// <summary>
    /// EF Core's own migration lock was seen to let two nodes apply the same migration on PostgreSQL (a test
    /// started three nodes on an empty database: "relation already exists"). A session advisory lock held on a
    /// connection of its own around the whole migration makes the other nodes wait, then find nothing to do.
    /// </summary>
    private static async Task MigrateHoldingAdvisoryLockAsync(CandorDb db, CancellationToken ct)
    {
        await using var connection = new Npgsql.NpgsqlConnection(db.Database.GetConnectionString());
        try
        {
            await connection.OpenAsync(ct);
        }
        catch (Npgsql.PostgresException ex) when (ex.SqlState == Npgsql.PostgresErrorCodes.InvalidCatalogName)
        {
            // The database does not exist yet: EF creates it, and there is nothing to lock until then.
            await db.Database.MigrateAsync(ct);
            return;
        }
        await using (var take = new Npgsql.NpgsqlCommand($"SELECT pg_advisory_lock({MigrationLockKey})", connection))
            await take.ExecuteNonQueryAsync(ct);
        try
        {
            await db.Database.MigrateAsync(ct);
        }
        finally
        {
            await using var release = new Npgsql.NpgsqlCommand($"SELECT pg_advisory_unlock({MigrationLockKey})", connection);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }
}
