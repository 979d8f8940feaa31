using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Candor.Data;

// Used only by `dotnet ef migrations add`; the connection strings are never opened.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteCandorDb>
{
    public SqliteCandorDb CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SqliteCandorDb>();
        StorageRegistration.ConfigureSqlite(options, "Data Source=design.db");
        return new SqliteCandorDb(options.Options);
    }
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresCandorDb>
{
    public PostgresCandorDb CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PostgresCandorDb>();
        StorageRegistration.ConfigurePostgres(options, "Host=localhost;Database=design");
        return new PostgresCandorDb(options.Options);
    }
}
