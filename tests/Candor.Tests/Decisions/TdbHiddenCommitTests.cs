using System.Data.Common;
using System.Net;
using System.Text.Json.Nodes;
using Candor.Data;
using Candor.Features.Decisions;
using Candor.Features.Tokens;
using Candor.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Candor.Tests.Decisions.TdbSamples;

namespace Candor.Tests.Decisions;

/// <summary>
/// A transient failure that hides a commit which went through (the connection drops right after COMMIT): the retry finds
/// the call's own puids taken, and must answer the success it was, not "not unique".
/// </summary>
public abstract class TdbHiddenCommitTests(HiddenCommitApp app)
{
    [Fact]
    public async Task A_retry_after_a_commit_the_failure_hid_answers_201_and_stores_each_statement_once()
    {
        var platform = await app.CreatePlatformAsync("Hidden commit");
        var token = await app.WithDbAsync(db => CreateToken.RunAsync(db, app.Clock, platform.Id, "tdb", null, default, CreateToken.DecisionsWriteScope));
        var writer = app.WithToken(token.Token);
        var body = new JsonObject { ["statements"] = new JsonArray(Statement("hidden-1"), Statement("hidden-2")) };

        app.Failure.ArmFor("hidden-1");
        var answer = await (await writer.PostJsonAsync("/api/v1/statements", body)).ReadJsonAsync(HttpStatusCode.Created);

        Assert.True(app.Failure.Fired, "the simulated failure after COMMIT did not happen, so the test proves nothing");
        var answered = answer["statements"]!.AsArray().Select(s => s!["uuid"]!.GetValue<Guid>()).ToList();
        var stored = await app.WithDbAsync(db => db.Decisions.AsNoTracking().Where(d => d.PlatformId == platform.Id)
            .Select(d => new { d.Uuid, d.Puid, Events = db.DecisionEvents.Count(e => e.DecisionId == d.Id) }).ToListAsync());
        Assert.Equal(["hidden-1", "hidden-2"], stored.Select(s => s.Puid).Order(StringComparer.Ordinal));
        Assert.Equal(answered.Order(), stored.Select(s => s.Uuid).Order());
        Assert.All(stored, s => Assert.Equal(1, s.Events));

        // A later call with the same puids is a duplicate as always.
        await (await writer.PostJsonAsync("/api/v1/statements", body)).ReadJsonAsync(HttpStatusCode.UnprocessableEntity);
    }
}

/// <summary>
/// Once armed with a puid, throws a transient error right after the commit that stored it. The statement writes are
/// plain ADO.NET commands, which EF's command interceptors do not see; their transaction is EF's, so the commit is.
/// </summary>
public sealed class FailAfterCommit(DatabaseEngine engine) : DbTransactionInterceptor
{
    private string? _puid;

    public bool Fired { get; private set; }

    public void ArmFor(string puid)
    {
        Fired = false;
        _puid = puid;
    }

    public override async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (_puid is not { } puid || eventData.Context is not { } context) return;
        await using var command = context.Database.GetDbConnection().CreateCommand();
        command.CommandText = "SELECT count(*) FROM decisions WHERE puid = @puid";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@puid";
        parameter.Value = puid;
        command.Parameters.Add(parameter);
        if (Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 0) return;
        _puid = null;
        Fired = true;
        throw engine == DatabaseEngine.Postgres
            ? new NpgsqlException("Simulated: the connection was lost after COMMIT", new TimeoutException())
            : new SqliteException("Simulated: database is locked", 5);
    }
}

public abstract class HiddenCommitApp : AppFixture
{
    private FailAfterCommit? _failure;
    public FailAfterCommit Failure => _failure ??= new FailAfterCommit(Engine);

    protected override void ConfigureServices(IServiceCollection services)
    {
        Screening.Vetting.QuietHost.WithoutJobRunner(services);
        if (Engine == DatabaseEngine.Postgres) services.ConfigureDbContext<PostgresCandorDb>(o => o.AddInterceptors(Failure));
        else services.ConfigureDbContext<SqliteCandorDb>(o => o.AddInterceptors(Failure));
    }
}

public sealed class HiddenCommitSqliteApp : HiddenCommitApp
{
    public override DatabaseEngine Engine => DatabaseEngine.Sqlite;
    protected override Task<DatabaseSetting> CreateDatabaseAsync() => Task.FromResult(DatabaseSetting.Parse(TestFiles.NewSqlitePath("hidden-commit")));
}

public sealed class HiddenCommitPostgresApp : HiddenCommitApp
{
    public override DatabaseEngine Engine => DatabaseEngine.Postgres;
    protected override async Task<DatabaseSetting> CreateDatabaseAsync() => DatabaseSetting.Parse(await PostgresServer.CreateDatabaseAsync("hidden_commit"));
}

public sealed class TdbHiddenCommitTests_Sqlite(HiddenCommitSqliteApp app) : TdbHiddenCommitTests(app), IClassFixture<HiddenCommitSqliteApp>;

public sealed class TdbHiddenCommitTests_Postgres(HiddenCommitPostgresApp app) : TdbHiddenCommitTests(app), IClassFixture<HiddenCommitPostgresApp>;
