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
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
        {
            // WAL lets readers (public pages) run while an import writes; it is a property of the file, set once.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
    }
}
