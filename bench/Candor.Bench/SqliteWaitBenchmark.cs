using System.Diagnostics;
using Candor.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Candor.Bench;

/// <summary>
/// <c>sqlite-wait</c>: how long after a writer commits does a second writer's transaction (as Candor writes: a transaction,
/// which Microsoft.Data.Sqlite begins IMMEDIATE), blocked behind it, get its turn? Measured
/// on one file with Candor's connections (which set SQLite's busy timeout) against plain Microsoft.Data.Sqlite
/// connections (which retry after a 150 ms sleep), alternately in the same run.
/// </summary>
public static class SqliteWaitBenchmark
{
    private const int Repetitions = 10;
    private static readonly TimeSpan Hold = TimeSpan.FromMilliseconds(20);

    public static async Task<int> RunAsync(TextWriter output)
    {
        var path = Path.Combine(Path.GetTempPath(), $"candor-wait-{Environment.ProcessId}.db");
        var setting = DatabaseSetting.Parse(path);
        try
        {
            await using var services = new ServiceCollection().AddCandorStorage(setting).BuildServiceProvider();
            await using (var scope = services.CreateAsyncScope())
                await Schema.MigrateAsync(scope.ServiceProvider.GetRequiredService<CandorDb>(), default);
            var plain = new List<double>();
            var candor = new List<double>();
            for (var r = 0; r < Repetitions; r++)
            {
                plain.Add(await LagAsync(setting.ConnectionString, null));
                candor.Add(await LagAsync(setting.ConnectionString, services));
            }
            double Median(List<double> xs) => xs.Order().ElementAt(xs.Count / 2);
            output.WriteLine($"a writer blocked behind a {Hold.TotalMilliseconds:0} ms write transaction, {Repetitions} times each, alternately:");
            output.WriteLine($"| connections | wait after the lock is released, median | max |");
            output.WriteLine($"|---|---:|---:|");
            output.WriteLine($"| plain Microsoft.Data.Sqlite (baseline) | {Median(plain):0.0} ms | {plain.Max():0.0} ms |");
            output.WriteLine($"| Candor's (busy timeout) | {Median(candor):0.0} ms | {candor.Max():0.0} ms |");
            output.WriteLine($"ratio Candor / baseline (medians): {Median(candor) / Median(plain):P0}");
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { path, path + "-wal", path + "-shm" }) File.Delete(file);
        }
    }

    /// <summary>Milliseconds between the holder's commit and the waiter's own write completing.</summary>
    private static async Task<double> LagAsync(string connectionString, IServiceProvider? candor)
    {
        await using var holder = new SqliteConnection(connectionString);
        await holder.OpenAsync();
        await using var transaction = (SqliteTransaction)await holder.BeginTransactionAsync();
        await using (var insert = holder.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO platforms (slug, name, created_at) VALUES ('h-' || random(), 'Holder', 0)";
            await insert.ExecuteNonQueryAsync();
        }
        var clock = Stopwatch.StartNew();
        var waiter = Task.Run(async () =>
        {
            const string sql = "INSERT INTO platforms (slug, name, created_at) VALUES ('w-' || random(), 'Waiter', 0)";
            if (candor is null)
            {
                await using var connection = new SqliteConnection(connectionString);
                await connection.OpenAsync();
                await using var own = (SqliteTransaction)await connection.BeginTransactionAsync();
                await using var command = connection.CreateCommand();
                command.Transaction = own;
                command.CommandText = sql;
                await command.ExecuteNonQueryAsync();
                await own.CommitAsync();
            }
            else
            {
                await using var scope = candor.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<CandorDb>();
                await using var own = await db.Database.BeginTransactionAsync();
                await db.Database.ExecuteSqlRawAsync(sql);
                await own.CommitAsync();
            }
            return clock.Elapsed.TotalMilliseconds;
        });
        await Task.Delay(Hold);
        await transaction.CommitAsync();
        var released = clock.Elapsed.TotalMilliseconds;
        return Math.Max(0, await waiter - released);
    }
}
