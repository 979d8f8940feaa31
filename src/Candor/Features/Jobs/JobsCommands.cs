using System.CommandLine;
using System.Text.Json;
using Candor.Cli;
using Candor.Data;
using Candor.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Candor.Features.Jobs;

public sealed record JobSummary(
    long Id, string Kind, string State, int Attempts, int MaxAttempts, long ProgressDone, long? ProgressTotal,
    DateTimeOffset RunAfter, string? LeaseOwner, DateTimeOffset? LeaseUntil, string? LastError,
    DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt);

/// <summary><c>candor jobs list|run|retry</c>: see and drive the background work without a web node.</summary>
public static class JobsCommands
{
    public static Command Command() => new("jobs", "Background work: list it, run it from the CLI, retry a failed job")
    {
        List(), Run(), Retry(),
    };

    public static IQueryable<JobSummary> Summaries(IQueryable<Job> jobs) => jobs.Select(j => new JobSummary(
        j.Id, j.Kind, j.State, j.Attempts, j.MaxAttempts, j.ProgressDone, j.ProgressTotal, j.RunAfter, j.LeaseOwner,
        j.LeaseUntil, j.LastError, j.CreatedAt, j.FinishedAt));

    private static Command List()
    {
        var state = new Option<string?>("--state") { Description = "Only jobs in this state" };
        state.AcceptOnlyFromAmong(JobStates.All);
        var kind = new Option<string?>("--kind") { Description = "Only jobs of this kind" };
        var limit = new Option<int>("--limit") { Description = "At most this many, newest first", DefaultValueFactory = _ => 50 };
        var command = new Command("list", "List jobs as JSON lines, newest first") { state, kind, limit };
        command.SetHandler(async (parse, ct) =>
        {
            await using var services = await CliHost.OpenAsync(parse, ct);
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CandorDb>();
            var query = db.Jobs.AsNoTracking();
            if (parse.GetValue(state) is { } s) query = query.Where(j => j.State == s);
            if (parse.GetValue(kind) is { } k) query = query.Where(j => j.Kind == k);
            var jobs = await Summaries(query.OrderByDescending(j => j.Id).Take(Math.Clamp(parse.GetValue(limit), 1, 10_000)))
                .ToListAsync(ct);
            foreach (var job in jobs) Console.WriteLine(JsonSerializer.Serialize(job, CandorJson.Output));
            return CliHost.Ok;
        });
        return command;
    }

    private static Command Run()
    {
        var command = new Command("run", "Run every ready job in this process until none is left (for installations without a serve node, and cron)");
        command.SetHandler(async (parse, ct) =>
        {
            await using var services = await CliHost.OpenAsync(parse, ct);
            var runner = services.GetRequiredService<JobRunner>();
            var ran = await runner.RunUntilIdleAsync(ct);
            await Console.Error.WriteLineAsync($"candor: ran {ran} job(s)");
            return CliHost.Ok;
        });
        return command;
    }

    private static Command Retry()
    {
        var id = new Argument<long>("ID") { Description = "The failed job's id" };
        var command = new Command("retry", "Queue a failed job again, with a fresh set of attempts") { id };
        command.SetHandler(async (parse, ct) =>
        {
            await using var services = await CliHost.OpenAsync(parse, ct);
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CandorDb>();
            var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
            var jobId = parse.GetValue(id);
            var now = clock.GetUtcNow();
            var changed = await db.Jobs.Where(j => j.Id == jobId && j.State == JobStates.Failed).ExecuteUpdateAsync(s => s
                .SetProperty(j => j.State, JobStates.Queued)
                .SetProperty(j => j.Attempts, 0)
                .SetProperty(j => j.RunAfter, now)
                .SetProperty(j => j.FinishedAt, (DateTimeOffset?)null)
                .SetProperty(j => j.UpdatedAt, now), ct);
            if (changed == 0) throw new CliException($"no failed job with id {jobId}");
            await Console.Error.WriteLineAsync($"candor: job {jobId} queued again");
            return CliHost.Ok;
        });
        return command;
    }
}
