using System.Net;
using Candor.Data;
using Candor.Features.Decisions;
using Candor.Features.Decisions.Export;
using Candor.Features.Jobs;
using Candor.Features.Tokens;
using Candor.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace Candor.Tests.Decisions;

/// <summary>
/// The exporter sending to a second, real Candor on another port through its TDB-compatible API (its own database,
/// its own token), with a fault switch in front of <c>POST /api/v1/statements</c>.
/// </summary>
public abstract class TdbExportTests(AppFixture app, TdbTargetApp tdb)
{
    private DateTimeOffset Now => app.Clock.GetUtcNow();

    private sealed record Setup(TestPlatform Platform, TdbTarget Target, long TdbPlatformId, HttpClient Reader);

    private async Task<Setup> SetupAsync(int decisions)
    {
        var platform = await app.CreatePlatformAsync();
        var remote = await tdb.CreatePlatformAsync();
        var token = await tdb.WithDbAsync(db => CreateToken.RunAsync(db, tdb.Clock, remote.Id, "export", null, default, CreateToken.DecisionsWriteScope));
        await DecisionSeed.AddManyAsync(app, Enumerable.Range(0, decisions).Select(i => DecisionSeed.New(platform.Id, $"x-{i:0000}", Now.AddSeconds(-i))));
        var target = new TdbTarget(tdb.BaseAddress, token.Token);
        var configuration = app.Services.GetRequiredService<IConfiguration>();
        configuration[$"Candor:Tdb:Platforms:{platform.Slug}:Token"] = token.Token;
        configuration[$"Candor:Tdb:Platforms:{platform.Slug}:BaseUrl"] = tdb.BaseAddress.ToString();
        return new Setup(platform, target, remote.Id, await ReaderAsync(platform.Id));
    }

    private async Task<HttpClient> ReaderAsync(long platformId) =>
        app.WithToken((await app.WithDbAsync(db => CreateToken.RunAsync(db, app.Clock, platformId, "reader", null, default, "read:private"))).Token);

    private Task<int> MarkAsync(Setup s) => app.WithDbAsync(db => ExportBacklog.MarkPendingAsync(db, app.Clock, s.Platform.Id, null, false, default));

    private Task<ExportRun> ExportAsync(Setup s) => app.WithDbAsync(async db =>
    {
        using var http = new HttpClient();
        return await TdbExporter.RunAsync(db, app.Clock, http, s.Target, s.Platform.Id, TdbExportSettings.MaxBatch, _ => Task.CompletedTask, default);
    });

    private Task<Dictionary<string, int>> StatesAsync(Setup s) => app.WithDbAsync(db => db.DecisionExports.Where(e => e.PlatformId == s.Platform.Id)
        .GroupBy(e => e.State).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count));

    private Task<List<string>> ReceivedPuidsAsync(Setup s) =>
        tdb.WithDbAsync(db => db.Decisions.Where(d => d.PlatformId == s.TdbPlatformId).Select(d => d.Puid).OrderBy(p => p).ToListAsync());

    private static List<string> Puids(int count) => Enumerable.Range(0, count).Select(i => $"x-{i:0000}").ToList();

    [Fact]
    public async Task Every_decision_is_sent_once_in_batches_of_at_most_100()
    {
        var s = await SetupAsync(250);
        var callsBefore = tdb.Faults.Calls(s.Target.Token);

        Assert.Equal(250, await MarkAsync(s));
        Assert.Equal(0, await MarkAsync(s)); // queued once only
        var run = await ExportAsync(s);

        Assert.Null(run.RetryError);
        Assert.Equal(250, run.Sent);
        Assert.Equal(3, tdb.Faults.Calls(s.Target.Token) - callsBefore);
        Assert.Equal(Puids(250), await ReceivedPuidsAsync(s));
        Assert.Equal(new Dictionary<string, int> { ["sent"] = 250 }, await StatesAsync(s));
        var again = await ExportAsync(s);
        Assert.Equal(0, again.Sent);
        Assert.Equal(3, tdb.Faults.Calls(s.Target.Token) - callsBefore);
    }

    [Fact]
    public async Task A_server_error_leaves_the_batch_pending_with_its_error_and_the_retry_sends_it()
    {
        var s = await SetupAsync(30);
        await MarkAsync(s);
        tdb.Faults.FailNext(s.Target.Token, 1);

        var failed = await ExportAsync(s);
        var pendingRow = await app.WithDbAsync(db => db.DecisionExports.FirstAsync(e => e.PlatformId == s.Platform.Id));
        var retried = await ExportAsync(s);

        Assert.StartsWith("503", failed.RetryError, StringComparison.Ordinal);
        Assert.Equal(0, failed.Sent);
        Assert.Equal(ExportStates.Pending, pendingRow.State);
        Assert.Equal(1, pendingRow.Attempts);
        Assert.StartsWith("503", pendingRow.LastError, StringComparison.Ordinal);
        Assert.Null(retried.RetryError);
        Assert.Equal(30, retried.Sent);
        Assert.Equal(Puids(30), await ReceivedPuidsAsync(s));
    }

    [Fact]
    public async Task Statements_the_tdb_already_has_are_marked_sent_from_its_duplicate_answer_and_the_rest_are_sent()
    {
        var s = await SetupAsync(40);
        await MarkAsync(s);
        // A node got the 201 for these ten and died before recording it.
        await SendDirectlyAsync(s, Enumerable.Range(0, 10));

        var run = await ExportAsync(s);

        Assert.Null(run.RetryError);
        Assert.Equal(10, run.AlreadyPresent);
        Assert.Equal(30, run.Sent);
        Assert.Equal(Puids(40), await ReceivedPuidsAsync(s)); // each stored once at the TDB
        var first = await app.WithDbAsync(db => db.DecisionExports.Where(e => e.PlatformId == s.Platform.Id).OrderBy(e => e.DecisionId).FirstAsync());
        Assert.Equal("the TDB already had this puid", first.Note);
    }

    [Fact]
    public async Task A_node_that_dies_mid_export_leaves_the_job_to_another_node_after_its_lease_and_nothing_is_stored_twice()
    {
        var s = await SetupAsync(220);
        var jobId = await app.WithDbAsync(async db =>
        {
            await ExportBacklog.MarkPendingAsync(db, app.Clock, s.Platform.Id, null, false, default);
            return await ExportBacklog.EnqueueAsync(db, app.Clock, s.Platform.Id, default);
        });
        var lease = TimeSpan.FromSeconds(30);
        // The dead node: it claimed the job, got the TDB's 201 for the first batch, and died before recording it.
        var claimed = await app.WithDbAsync(db => JobLease.ClaimNextAsync(db, app.Clock, [ExportBacklog.JobKind], "dead-node", lease, default));
        Assert.Equal(jobId, claimed!.JobId);
        await SendDirectlyAsync(s, Enumerable.Range(0, 100));
        var runner = new JobRunner(app.Services.GetRequiredService<IServiceScopeFactory>(),
            [new JobHandlerType(ExportBacklog.JobKind, typeof(TdbExportJob))], new JobsOptions { LeaseDuration = lease }, NullLogger<JobRunner>.Instance);

        Assert.Equal(0, await runner.RunUntilIdleAsync(default)); // still leased by the dead node
        app.Clock.Advance(lease + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await runner.RunUntilIdleAsync(default));

        var job = await app.WithDbAsync(db => db.Jobs.AsNoTracking().SingleAsync(j => j.Id == jobId));
        Assert.Equal(JobStates.Succeeded, job.State);
        Assert.Equal(Puids(220), await ReceivedPuidsAsync(s));
        Assert.Equal(new Dictionary<string, int> { ["sent"] = 220 }, await StatesAsync(s));
        var status = await (await s.Reader.GetAsync($"/api/v1/decisions/{await FirstUuidAsync(s)}/export")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("sent", status["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_export_status_is_visible_to_the_platform_and_to_no_other()
    {
        var s = await SetupAsync(1);
        var uuid = await FirstUuidAsync(s);
        var stranger = await app.CreatePlatformAsync();

        var before = await (await s.Reader.GetAsync($"/api/v1/decisions/{uuid}/export")).ReadJsonAsync(HttpStatusCode.OK);
        await MarkAsync(s);
        var pending = await (await s.Reader.GetAsync($"/api/v1/decisions/{uuid}/export")).ReadJsonAsync(HttpStatusCode.OK);
        var other = await (await ReaderAsync(stranger.Id)).GetAsync($"/api/v1/decisions/{uuid}/export");

        Assert.Equal("not_queued", before["state"]!.GetValue<string>());
        Assert.Equal("pending", pending["state"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    private Task<Guid> FirstUuidAsync(Setup s) =>
        app.WithDbAsync(db => db.Decisions.Where(d => d.PlatformId == s.Platform.Id).OrderBy(d => d.Puid).Select(d => d.Uuid).FirstAsync());

    /// <summary>Sends some of the platform's statements to the TDB as a node would have, without recording anything here.</summary>
    private async Task SendDirectlyAsync(Setup s, IEnumerable<int> indexes)
    {
        var wanted = indexes.Select(i => $"x-{i:0000}").ToList();
        var loaded = await app.WithDbAsync(db => Candor.Features.Decisions.Published.PublicDecisions.LoadAsync(db,
            db.Decisions.AsNoTracking().Where(d => d.PlatformId == s.Platform.Id && wanted.Contains(d.Puid)), default));
        using var client = tdb.WithToken(s.Target.Token);
        var response = await client.PostAsync("/api/v1/statements",
            HttpAssertions.Json(new { statements = loaded.Select(d => TdbExportStatement.Of(d.Public, d.Puid)).ToList() }));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}

public sealed class TdbExportTests_Sqlite(QuietSqliteApp app, TdbTargetApp tdb) : TdbExportTests(app, tdb), IClassFixture<QuietSqliteApp>, IClassFixture<TdbTargetApp>;

public sealed class TdbExportTests_Postgres(QuietPostgresApp app, TdbTargetApp tdb) : TdbExportTests(app, tdb), IClassFixture<QuietPostgresApp>, IClassFixture<TdbTargetApp>;

/// <summary>Hosted services off, so the test drives the jobs itself and no background runner races it.</summary>
internal static class QuietServices
{
    public static void Remove(IServiceCollection services)
    {
        foreach (var hosted in services.Where(d => d.ServiceType == typeof(IHostedService)
                     && (d.ImplementationType == typeof(JobRunnerService) || d.ImplementationType == typeof(TransparencySchedule))).ToList())
            services.Remove(hosted);
    }
}

public sealed class QuietSqliteApp : AppFixture
{
    public override DatabaseEngine Engine => DatabaseEngine.Sqlite;
    protected override Task<DatabaseSetting> CreateDatabaseAsync() => Task.FromResult(DatabaseSetting.Parse(TestFiles.NewSqlitePath("export")));
    protected override void ConfigureServices(IServiceCollection services) => QuietServices.Remove(services);
}

public sealed class QuietPostgresApp : AppFixture
{
    public override DatabaseEngine Engine => DatabaseEngine.Postgres;
    protected override async Task<DatabaseSetting> CreateDatabaseAsync() => DatabaseSetting.Parse(await PostgresServer.CreateDatabaseAsync("export"));
    protected override void ConfigureServices(IServiceCollection services) => QuietServices.Remove(services);
}

/// <summary>The "EU TDB" of the exporter tests: a second Candor on its own port and SQLite file, with a fault switch.</summary>
public sealed class TdbTargetApp : AppFixture
{
    public FaultSwitch Faults { get; } = new();
    public override DatabaseEngine Engine => DatabaseEngine.Sqlite;
    protected override Task<DatabaseSetting> CreateDatabaseAsync() => Task.FromResult(DatabaseSetting.Parse(TestFiles.NewSqlitePath("tdb-target")));

    protected override void ConfigureServices(IServiceCollection services)
    {
        QuietServices.Remove(services);
        services.AddSingleton<IStartupFilter>(new FaultFilter(Faults));
    }

    private sealed class FaultFilter(FaultSwitch faults) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => builder =>
        {
            builder.Use(async (context, nextMiddleware) =>
            {
                if (context.Request.Path == "/api/v1/statements" && faults.Take(context.Request.Headers.Authorization.ToString()))
                {
                    context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                    await context.Response.WriteAsync("maintenance");
                    return;
                }
                await nextMiddleware(context);
            });
            next(builder);
        };
    }
}

/// <summary>Counts calls per token and fails the next N of a token with 503.</summary>
public sealed class FaultSwitch
{
    private readonly Dictionary<string, (int Calls, int Failures)> _byToken = new(StringComparer.Ordinal);

    public int Calls(string token)
    {
        lock (_byToken) return _byToken.GetValueOrDefault("Bearer " + token).Calls;
    }

    public void FailNext(string token, int count)
    {
        lock (_byToken) _byToken["Bearer " + token] = (_byToken.GetValueOrDefault("Bearer " + token).Calls, count);
    }

    public bool Take(string authorization)
    {
        lock (_byToken)
        {
            var (calls, failures) = _byToken.GetValueOrDefault(authorization);
            _byToken[authorization] = (calls + 1, Math.Max(0, failures - 1));
            return failures > 0;
        }
    }
}
