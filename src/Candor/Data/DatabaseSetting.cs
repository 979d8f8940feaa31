namespace Candor.Data;

public enum DatabaseEngine
{
    Sqlite,
    Postgres,
}

/// <summary>
/// What <c>--db</c> or <c>CANDOR_DB</c> names: a SQLite file path, or a PostgreSQL connection string
/// (<c>Host=…;Database=…</c>, or a <c>postgres://</c> URL).
/// </summary>
public sealed record DatabaseSetting(DatabaseEngine Engine, string ConnectionString, string Display)
{
    public const string DefaultSqliteFile = "candor.db";

    public static DatabaseSetting Parse(string? value)
    {
        var raw = string.IsNullOrWhiteSpace(value) ? DefaultSqliteFile : value.Trim();
        if (raw.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
            || raw.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return FromPostgresUrl(raw);
        }
        if (raw.Contains("Host=", StringComparison.OrdinalIgnoreCase)
            || raw.Contains("Server=", StringComparison.OrdinalIgnoreCase))
        {
            var builder = new Npgsql.NpgsqlConnectionStringBuilder(raw);
            return new DatabaseSetting(DatabaseEngine.Postgres, raw, $"PostgreSQL {builder.Host}/{builder.Database}");
        }
        var path = raw.StartsWith("Data Source=", StringComparison.OrdinalIgnoreCase)
            ? new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(raw).DataSource
            : raw;
        var full = Path.GetFullPath(path);
        var sqlite = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder
        {
            DataSource = full,
            // Writers from several threads wait for each other instead of failing with SQLITE_BUSY.
            DefaultTimeout = 60,
            Pooling = true,
        };
        return new DatabaseSetting(DatabaseEngine.Sqlite, sqlite.ToString(), $"SQLite {full}");
    }

    private static DatabaseSetting FromPostgresUrl(string url)
    {
        var uri = new Uri(url);
        var userInfo = uri.UserInfo.Split(':', 2);
        var builder = new Npgsql.NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = uri.AbsolutePath.TrimStart('/'),
        };
        if (userInfo.Length > 0 && userInfo[0].Length > 0) builder.Username = Uri.UnescapeDataString(userInfo[0]);
        if (userInfo.Length > 1) builder.Password = Uri.UnescapeDataString(userInfo[1]);
        return new DatabaseSetting(DatabaseEngine.Postgres, builder.ConnectionString, $"PostgreSQL {builder.Host}/{builder.Database}");
    }
}
