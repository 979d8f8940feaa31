using System.Text.Json.Nodes;
using Candor.Data;
using Candor.Features.Decisions;
using Candor.Features.Decisions.Tdb;
using Candor.Features.Platforms;
using Candor.Tests.Decisions;
using Candor.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Candor.Tests.Storage;

/// <summary>
/// PostgreSQL only, as COPY is PostgreSQL's (SQLite's writers are covered by the same API tests on both engines): rows
/// written by <see cref="PostgresCopy"/> are column for column what EF's own insert writes, ids come from the table's
/// sequence, and a unique conflict fails the whole copy.
/// </summary>
public sealed class PostgresCopyTests
{
    [Fact]
    public async Task A_copied_row_equals_the_row_EF_inserts_and_takes_its_id_from_the_sequence()
    {
        await using var services = await StorageAsync("copy");
        await using var scope = services.CreateAsyncScope();
        var (db, platform) = await MigratedAsync(scope);

        // A statement that fills every kind of column: arrays as JSON text, dates, a nullable bool, a double, a uuid.
        var statement = TdbSamples.Statement("by-ef")
            .With("end_date_visibility_restriction", "2027-01-31")
            .With("decision_ground_reference_url", "https://policies.example/ads/4.2")
            .With("content_language", "DE");
        var now = new DateTimeOffset(2026, 11, 29, 9, 30, 15, 123, TimeSpan.Zero);
        Decision Row(string puid) => TdbStatementRows.ToDecision(TdbSamples.Validate(statement.With("puid", puid), TdbEndpoint.Statements).Statement!,
            platform.Id, Guid.CreateVersion7(now), now, DecisionMethods.ApiMulti);

        var byEf = Row("by-ef");
        db.Decisions.Add(byEf);
        await db.SaveChangesAsync();

        var copied = new[] { Row("by-copy-1"), Row("by-copy-2") };
        var copy = PostgresCopy.Of(db, typeof(Decision), withId: true);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            var ids = await copy.ReserveIdsAsync(connection, copied.Length, default);
            Assert.True(ids[0] > byEf.Id && ids[1] > ids[0], $"ids {string.Join(", ", ids)} after {byEf.Id}");
            for (var i = 0; i < ids.Length; i++) copied[i].Id = ids[i];
            await copy.WriteAsync(connection, copied, default);
            await transaction.CommitAsync();
        }

        var efRow = await RowJsonAsync(db, byEf.Id);
        foreach (var row in copied)
        {
            var copiedRow = await RowJsonAsync(db, row.Id);
            Assert.Equal(row.Puid, (string?)copiedRow["puid"]);
            foreach (var key in new[] { "id", "uuid", "puid" })
            {
                efRow.Remove(key);
                copiedRow.Remove(key);
            }
            Assert.Equal(efRow.ToJsonString(), copiedRow.ToJsonString());
        }
        // A row EF inserts afterwards still gets a fresh id: the sequence moved past the reserved ones.
        var after = Row("by-ef-after");
        db.Decisions.Add(after);
        await db.SaveChangesAsync();
        Assert.True(after.Id > copied[1].Id);
    }

    [Fact]
    public async Task A_unique_conflict_fails_the_whole_copy_and_stores_none_of_it()
    {
        await using var services = await StorageAsync("copy-conflict");
        await using var scope = services.CreateAsyncScope();
        var (db, platform) = await MigratedAsync(scope);
        var now = TimeProvider.System.GetUtcNow();
        Decision Row(string puid) => TdbStatementRows.ToDecision(TdbSamples.Validate(TdbSamples.Statement(puid), TdbEndpoint.Statements).Statement!,
            platform.Id, Guid.CreateVersion7(now), now, DecisionMethods.ApiMulti);
        db.Decisions.Add(Row("taken"));
        await db.SaveChangesAsync();

        var copy = PostgresCopy.Of(db, typeof(Decision), withId: false);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            var error = await Assert.ThrowsAsync<PostgresException>(() => copy.WriteAsync(connection, new[] { Row("fresh"), Row("taken") }, default));
            Assert.Equal(PostgresErrorCodes.UniqueViolation, error.SqlState);
            Assert.Equal(DecisionConfiguration.PuidIndex, error.ConstraintName);
            await transaction.RollbackAsync();
        }
        Assert.Equal(["taken"], await db.Decisions.Select(d => d.Puid).ToListAsync());
    }

    private static async Task<ServiceProvider> StorageAsync(string purpose) =>
        new ServiceCollection().AddCandorStorage(DatabaseSetting.Parse(await PostgresServer.CreateDatabaseAsync(purpose))).BuildServiceProvider();

    private static async Task<(CandorDb Db, PlatformCreated Platform)> MigratedAsync(AsyncServiceScope scope)
    {
        var db = scope.ServiceProvider.GetRequiredService<CandorDb>();
        await Schema.MigrateAsync(db, default);
        return (db, await CreatePlatform.RunAsync(db, TimeProvider.System, "Copy platform", "copy", default));
    }

    private static async Task<JsonObject> RowJsonAsync(CandorDb db, long id)
    {
        var json = await db.Database.SqlQuery<string>($"SELECT row_to_json(d)::text AS \"Value\" FROM decisions d WHERE d.id = {id}").SingleAsync();
        return JsonNode.Parse(json)!.AsObject();
    }
}
