using Microsoft.EntityFrameworkCore;

namespace Candor.Data;

public static class StorageRegistration
{
    /// <summary>Registers <see cref="CandorDb"/> for the configured engine, for the web host and the CLI alike.</summary>
    public static IServiceCollection AddCandorStorage(this IServiceCollection services, DatabaseSetting setting)
    {
        services.AddSingleton(setting);
        if (setting.Engine == DatabaseEngine.Postgres)
        {
            services.AddDbContext<CandorDb, PostgresCandorDb>(o => ConfigurePostgres(o, setting.ConnectionString));
        }
        else
        {
            services.AddDbContext<CandorDb, SqliteCandorDb>(o => ConfigureSqlite(o, setting.ConnectionString));
        }
        return services;
    }

    public static void ConfigurePostgres(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention();

    public static void ConfigureSqlite(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString, sqlite => sqlite.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(BusyTimeouts.GetOrAdd(connectionString,
                cs => new SqliteBusyTimeout(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(cs).DefaultTimeout * 1000)));

    // One interceptor per connection string, shared by every context (it keeps no per-context state).
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, SqliteBusyTimeout> BusyTimeouts = new(StringComparer.Ordinal);
}
