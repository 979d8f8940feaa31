using Candor.Data;
using Candor.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Candor.Tests.Storage;

/// <summary>
/// SQLite only (PostgreSQL writers wait on row locks, with no polling): every connection carries SQLite's busy timeout,
/// so a writer that meets another's lock is woken by SQLite's own handler (not only by Microsoft.Data.Sqlite's 150 ms
/// retry sleep), and still succeeds.
/// </summary>
public sealed class SqliteWriterWaitTests
{
    [Fact]
    public async Task Every_connection_has_a_busy_timeout_and_a_blocked_writer_goes_on_soon_after_the_lock_is_released()
    {
        await using var services = new ServiceCollection().AddCandorStorage(DatabaseSetting.Parse(TestFiles.NewSqlitePath("busy"))).BuildServiceProvider();
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CandorDb>();
            await Schema.MigrateAsync(db, default);
            await db.Database.OpenConnectionAsync();
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA busy_timeout";
            Assert.Equal(60_000L, await command.ExecuteScalarAsync());
        }

        // Holder: a write transaction kept open for 300 ms. Waiter: a write started while it is held.
        await using var holderScope = services.CreateAsyncScope();
        await using var waiterScope = services.CreateAsyncScope();
        var holder = holderScope.ServiceProvider.GetRequiredService<CandorDb>();
        var waiter = waiterScope.ServiceProvider.GetRequiredService<CandorDb>();
        await using var transaction = await holder.Database.BeginTransactionAsync();
        await holder.Database.ExecuteSqlRawAsync("INSERT INTO platforms (slug, name, created_at) VALUES ('holder', 'Holder', 0)");
        var write = Task.Run(() => waiter.Database.ExecuteSqlRawAsync("INSERT INTO platforms (slug, name, created_at) VALUES ('waiter', 'Waiter', 0)"));
        await Task.Delay(300);
        Assert.False(write.IsCompleted, "the second writer should wait for the first");
        await transaction.CommitAsync();
        Assert.Equal(1, await write); // how soon it goes on is a matter for the benchmark, not a timed test
        Assert.Equal(2, await waiter.Platforms.CountAsync(p => p.Slug == "holder" || p.Slug == "waiter"));
    }
}
