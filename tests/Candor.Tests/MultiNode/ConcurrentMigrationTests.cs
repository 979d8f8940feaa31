using Candor.Data;
using Candor.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Candor.Tests.MultiNode;

/// <summary>Nodes starting together on an empty database: each migration is applied once and every node starts.</summary>
public abstract class ConcurrentMigrationTests
{
    protected abstract Task<string> NewDatabaseAsync();

    [Fact]
    public async Task Six_nodes_migrating_an_empty_database_at_once_all_succeed()
    {
        var database = DatabaseSetting.Parse(await NewDatabaseAsync());

        await Task.WhenAll(Enumerable.Range(0, 6).Select(async _ =>
        {
            await using var services = new ServiceCollection().AddCandorStorage(database).BuildServiceProvider();
            await using var scope = services.CreateAsyncScope();
            await Schema.MigrateAsync(scope.ServiceProvider.GetRequiredService<CandorDb>(), CancellationToken.None);
        }));

        await using var check = new ServiceCollection().AddCandorStorage(database).BuildServiceProvider();
        await using var checkScope = check.CreateAsyncScope();
        var db = checkScope.ServiceProvider.GetRequiredService<CandorDb>();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(db.Database.GetMigrations().Count(), (await db.Database.GetAppliedMigrationsAsync()).Count());
    }
}

public sealed class ConcurrentMigrationTests_Sqlite : ConcurrentMigrationTests
{
    protected override Task<string> NewDatabaseAsync() => Task.FromResult(TestFiles.NewSqlitePath("migrate"));
}

public sealed class ConcurrentMigrationTests_Postgres : ConcurrentMigrationTests
{
    protected override Task<string> NewDatabaseAsync() => PostgresServer.CreateDatabaseAsync("migrate");
}
