using System.Collections.Concurrent;
using Candor.Data;
using Candor.Features.Jobs;
using Candor.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Candor.Tests.Jobs;

/// <summary>
/// The durable job queue on a real database: runs once, retries with backoff, gives up, deduplicates, survives a
/// dead node (lease expiry + checkpoint), and never runs a job twice when several runners race.
/// </summary>
public abstract class JobRunnerTests(AppFixture app)
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    private JobRunner Runner(string kind, Type handler) => new(
        app.Services.GetRequiredService<IServiceScopeFactory>(), [new JobHandlerType(kind, handler)],
        new JobsOptions { LeaseDuration = Lease }, NullLogger<JobRunner>.Instance);

    private static string NewKind() => "test." + Guid.NewGuid().ToString("N")[..10];

    private Task<long> EnqueueAsync(string kind, object payload, string? key = null) =>
        app.WithDbAsync(db => BackgroundJobs.EnqueueAsync(db, app.Clock, kind, payload, key, CancellationToken.None));

    private Task<Job> LoadAsync(long id) => app.WithDbAsync(db => db.Jobs.AsNoTracking().SingleAsync(j => j.Id == id));

    [Fact]
    public async Task A_queued_job_runs_once_with_its_payload_and_is_marked_succeeded()
    {
        var kind = NewKind();
        var id = await EnqueueAsync(kind, new CountingHandler.Payload("hello"));

        Assert.Equal(1, await Runner(kind, typeof(CountingHandler)).RunUntilIdleAsync(CancellationToken.None));
        Assert.Equal(0, await Runner(kind, typeof(CountingHandler)).RunUntilIdleAsync(CancellationToken.None));

        Assert.Equal(1, CountingHandler.Runs[CountingHandler.Key(kind, id)]);
        Assert.Equal("hello", CountingHandler.Texts[CountingHandler.Key(kind, id)]);
        var job = await LoadAsync(id);
        Assert.Equal(JobStates.Succeeded, job.State);
        Assert.Equal(1, job.Attempts);
        Assert.Null(job.LeaseOwner);
        Assert.Equal(app.Clock.GetUtcNow(), job.FinishedAt);
    }

    [Fact]
    public async Task The_same_dedupe_key_queues_one_job_until_that_job_has_finished()
    {
        var kind = NewKind();
        var first = await EnqueueAsync(kind, new CountingHandler.Payload("a"), "rescreen:all");
        var again = await EnqueueAsync(kind, new CountingHandler.Payload("b"), "rescreen:all");
        Assert.Equal(first, again);

        await Runner(kind, typeof(CountingHandler)).RunUntilIdleAsync(CancellationToken.None);
        var afterwards = await EnqueueAsync(kind, new CountingHandler.Payload("c"), "rescreen:all");
        Assert.NotEqual(first, afterwards);
    }

    [Fact]
    public async Task Concurrent_enqueues_of_one_key_from_many_connections_store_one_job()
    {
        var kind = NewKind();
        var ids = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Task.Run(() => EnqueueAsync(kind, new CountingHandler.Payload($"{i}"), "one"))));
        Assert.Single(ids.Distinct());
        Assert.Equal(1, await app.WithDbAsync(db => db.Jobs.CountAsync(j => j.Kind == kind)));
    }

    [Fact]
    public async Task A_throwing_handler_is_retried_after_a_growing_backoff_and_given_up_after_its_attempts()
    {
        var kind = NewKind();
        var id = await app.WithDbAsync(db =>
            BackgroundJobs.EnqueueAsync(db, app.Clock, kind, new { }, null, CancellationToken.None, maxAttempts: 3));
        var runner = Runner(kind, typeof(ThrowingHandler));

        Assert.Equal(1, await runner.RunUntilIdleAsync(CancellationToken.None));
        var job = await LoadAsync(id);
        Assert.Equal(JobStates.Queued, job.State);
        Assert.Equal("InvalidOperationException: remote side is down", job.LastError);
        Assert.Equal(app.Clock.GetUtcNow().AddSeconds(5), job.RunAfter);
        Assert.Equal(0, await runner.RunUntilIdleAsync(CancellationToken.None)); // not due yet

        app.Clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(1, await runner.RunUntilIdleAsync(CancellationToken.None));
        Assert.Equal(app.Clock.GetUtcNow().AddSeconds(10), (await LoadAsync(id)).RunAfter);

        app.Clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(1, await runner.RunUntilIdleAsync(CancellationToken.None));
        job = await LoadAsync(id);
        Assert.Equal(JobStates.Failed, job.State);
        Assert.Equal(3, job.Attempts);
        Assert.NotNull(job.FinishedAt);
    }

    [Fact]
    public async Task A_permanent_failure_stops_at_once()
    {
        var kind = NewKind();
        var id = await EnqueueAsync(kind, new { });
        await Runner(kind, typeof(PermanentFailureHandler)).RunUntilIdleAsync(CancellationToken.None);
        var job = await LoadAsync(id);
        Assert.Equal(JobStates.Failed, job.State);
        Assert.Equal(1, job.Attempts);
        Assert.Equal("the subject no longer exists", job.LastError);
    }

    [Fact]
    public async Task A_dead_nodes_job_is_taken_over_after_its_lease_and_resumes_from_the_checkpoint()
    {
        var kind = NewKind();
        var id = await EnqueueAsync(kind, new ResumingHandler.Payload(10));

        // A node claims the job, gets to item 4, and dies without a word.
        await app.WithDbAsync(async db =>
        {
            var lease = await JobLease.ClaimNextAsync(db, app.Clock, [kind], "dead-node", Lease, CancellationToken.None);
            Assert.NotNull(lease);
            Assert.True(await lease.SaveProgressAsync(4, 10, """{"next":4}""", CancellationToken.None));
            return 0;
        });
        var runner = Runner(kind, typeof(ResumingHandler));
        Assert.Equal(0, await runner.RunUntilIdleAsync(CancellationToken.None)); // its lease still holds

        app.Clock.Advance(Lease + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await runner.RunUntilIdleAsync(CancellationToken.None));

        Assert.Equal([4, 5, 6, 7, 8, 9], ResumingHandler.Processed[CountingHandler.Key(kind, id)]);
        var job = await LoadAsync(id);
        Assert.Equal(JobStates.Succeeded, job.State);
        Assert.Equal(10, job.ProgressDone);
        Assert.Equal(2, job.Attempts);

        // The dead node waking up cannot overwrite anything any more.
        var late = await app.WithDbAsync(db =>
            new JobLease(db, app.Clock, id, "dead-node", Lease).SaveProgressAsync(5, 10, null, CancellationToken.None));
        Assert.False(late);
    }

    [Fact]
    public async Task Several_runners_racing_over_many_jobs_run_each_job_exactly_once()
    {
        var kind = NewKind();
        var ids = new List<long>();
        for (var i = 0; i < 40; i++) ids.Add(await EnqueueAsync(kind, new CountingHandler.Payload($"job {i}")));

        var ran = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            Task.Run(() => Runner(kind, typeof(CountingHandler)).RunUntilIdleAsync(CancellationToken.None))));

        Assert.Equal(40, ran.Sum());
        Assert.All(ids, id => Assert.Equal(1, CountingHandler.Runs[CountingHandler.Key(kind, id)]));
        Assert.Equal(40, await app.WithDbAsync(db => db.Jobs.CountAsync(j => j.Kind == kind && j.State == JobStates.Succeeded)));
    }

    [Fact]
    public async Task A_node_never_claims_a_kind_it_has_no_handler_for()
    {
        // The fixture's serve node runs its background runner; a job of a kind it has no handler for (e.g. queued
        // by a newer node during a rolling upgrade) must stay queued for a node that knows it.
        var kind = NewKind();
        var id = await EnqueueAsync(kind, new { });
        await Task.Delay(300);
        Assert.Equal(JobStates.Queued, (await LoadAsync(id)).State);
    }

    public sealed class CountingHandler : IJobHandler
    {
        public sealed record Payload(string Text);

        // Keyed by kind and id: the SQLite and PostgreSQL classes run at once and their ids overlap.
        public static readonly ConcurrentDictionary<string, int> Runs = new();
        public static readonly ConcurrentDictionary<string, string> Texts = new();

        public async Task<JobOutcome> RunAsync(JobContext context, CancellationToken ct)
        {
            Runs.AddOrUpdate(Key(context.Kind, context.JobId), 1, (_, n) => n + 1);
            Texts[Key(context.Kind, context.JobId)] = context.Payload<Payload>().Text;
            await Task.Yield();
            return JobOutcome.Done;
        }

        public static string Key(string kind, long id) => $"{kind}/{id}";
    }

    public sealed class ThrowingHandler : IJobHandler
    {
        public Task<JobOutcome> RunAsync(JobContext context, CancellationToken ct) =>
            throw new InvalidOperationException("remote side is down");
    }

    public sealed class PermanentFailureHandler : IJobHandler
    {
        public Task<JobOutcome> RunAsync(JobContext context, CancellationToken ct) =>
            Task.FromResult(JobOutcome.Fail("the subject no longer exists"));
    }

    public sealed class ResumingHandler : IJobHandler
    {
        public sealed record Payload(int Items);

        private sealed record Checkpoint(int Next);

        public static readonly ConcurrentDictionary<string, List<int>> Processed = new();

        public async Task<JobOutcome> RunAsync(JobContext context, CancellationToken ct)
        {
            var items = context.Payload<Payload>().Items;
            var start = context.CheckpointAs<Checkpoint>()?.Next ?? 0;
            var done = Processed.GetOrAdd(CountingHandler.Key(context.Kind, context.JobId), _ => []);
            for (var i = start; i < items; i++)
            {
                done.Add(i);
                await context.ReportProgressAsync(i + 1, items, new Checkpoint(i + 1), ct);
            }
            return JobOutcome.Done;
        }
    }
}

public sealed class JobRunnerTests_Sqlite(SqliteApp app) : JobRunnerTests(app), IClassFixture<SqliteApp>;

public sealed class JobRunnerTests_Postgres(PostgresApp app) : JobRunnerTests(app), IClassFixture<PostgresApp>;
