using System.Globalization;
using Candor.Data;
using Candor.Features.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Candor.Features.Evaluations;

/// <summary>
/// Keeps the evaluations table from growing forever. Per subject it keeps the latest evaluation, every evaluation that
/// changed the outcome (the first one included), every one a review item refers to, and everything younger than
/// <c>Candor:Evaluations:RetainDays</c> (default 90); the rest goes. A daily job (<see cref="Kind"/>) does it in batches
/// of subjects, with a checkpoint; the job queue's lease keeps it to one node at a time, and every delete re-checks
/// that no review item refers to the row, so a node evaluating at the same time loses nothing it needs.
/// </summary>
public static class EvaluationPruning
{
    public const string Kind = "evaluations.prune";
    public const int DefaultRetainDays = 90;
    public const int SubjectsPerBatch = 500;
    public const int IdsPerStatement = 1000;

    public sealed record Settings(int RetainDays);

    public sealed record Checkpoint(string AfterSubjectKey, long Deleted);

    public sealed record Row(long Id, string Outcome, DateTimeOffset EvaluatedAt);

    /// <summary>
    /// The rows of one subject (in id order) that may be deleted. Pure. A row whose outcome equals the previous row's adds
    /// nothing to the subject's history of outcomes, so deleting it never changes which later rows "changed the outcome":
    /// pruning twice deletes nothing more.
    /// </summary>
    public static List<long> Deletable(IReadOnlyList<Row> rows, IReadOnlySet<long> referenced, DateTimeOffset cutoff)
    {
        var deletable = new List<long>();
        for (var i = 1; i < rows.Count - 1; i++) // the first (an outcome from nothing) and the latest always stay
        {
            var row = rows[i];
            if (row.EvaluatedAt < cutoff && row.Outcome == rows[i - 1].Outcome && !referenced.Contains(row.Id)) deletable.Add(row.Id);
        }
        return deletable;
    }

    /// <summary>Prunes the subjects after <paramref name="after"/>, one batch at a time; <paramref name="saved"/> records progress.</summary>
    public static async Task<long> RunAsync(CandorDb db, TimeProvider clock, int retainDays, string after, long deleted,
        Func<Checkpoint, Task> saved, CancellationToken ct)
    {
        var cutoff = clock.GetUtcNow().AddDays(-Math.Max(1, retainDays));
        while (true)
        {
            var from = after;
            // Only subjects with an old row can lose anything; the (subject_key, id) index serves both queries.
            var keys = await db.Evaluations.AsNoTracking().Where(e => e.EvaluatedAt < cutoff && string.Compare(e.SubjectKey, from) > 0)
                .Select(e => e.SubjectKey).Distinct().OrderBy(k => k).Take(SubjectsPerBatch).ToListAsync(ct);
            if (keys.Count == 0) return deleted;
            var rows = await db.Evaluations.AsNoTracking().Where(e => EF.Parameter(keys).Contains(e.SubjectKey))
                .OrderBy(e => e.Id).Select(e => new { e.SubjectKey, Row = new Row(e.Id, e.Outcome, e.EvaluatedAt) }).ToListAsync(ct);
            var referenced = new HashSet<long>();
            var old = rows.Where(r => r.Row.EvaluatedAt < cutoff).Select(r => (long?)r.Row.Id).ToList();
            foreach (var chunk in old.Chunk(IdsPerStatement))
            {
                var ids = chunk.ToList();
                referenced.UnionWith(await db.ReviewItems.AsNoTracking().Where(r => EF.Parameter(ids).Contains(r.EvaluationId))
                    .Select(r => r.EvaluationId!.Value).ToListAsync(ct));
            }
            var doomed = rows.GroupBy(r => r.SubjectKey, StringComparer.Ordinal)
                .SelectMany(g => Deletable(g.Select(r => r.Row).ToList(), referenced, cutoff)).ToList();
            foreach (var chunk in doomed.Chunk(IdsPerStatement))
            {
                var ids = chunk.ToList();
                // Re-checked in the statement: a review item pointed at the row since we looked keeps it.
                deleted += await db.Evaluations.Where(e => EF.Parameter(ids).Contains(e.Id) && !db.ReviewItems.Any(r => r.EvaluationId == e.Id))
                    .ExecuteDeleteAsync(ct);
            }
            after = keys[^1];
            await saved(new Checkpoint(after, deleted));
        }
    }

    /// <summary>The day's run (UTC), queued once per day however many nodes ask: its dedupe key is the date.</summary>
    public static async Task EnsureTodayAsync(CandorDb db, TimeProvider clock, CancellationToken ct)
    {
        var key = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (await db.Jobs.AnyAsync(j => j.Kind == Kind && j.DedupeKey == key, ct)) return;
        await BackgroundJobs.EnqueueAsync(db, clock, Kind, new { }, key, ct);
    }
}

/// <summary>The daily pruning run on the job queue; resumes after its checkpoint when another node takes it over.</summary>
public sealed class PruneEvaluationsJob(EvaluationPruning.Settings settings) : IJobHandler
{
    public async Task<JobOutcome> RunAsync(JobContext context, CancellationToken ct)
    {
        var checkpoint = context.CheckpointAs<EvaluationPruning.Checkpoint>() ?? new("", 0);
        await EvaluationPruning.RunAsync(context.Db, context.Clock, settings.RetainDays, checkpoint.AfterSubjectKey, checkpoint.Deleted,
            c => context.ReportProgressAsync(c.Deleted, null, c, ct), ct);
        return JobOutcome.Done;
    }
}

/// <summary>On every serve node, at start and then hourly: makes sure today's pruning run is queued (once, by its dedupe key).</summary>
public sealed class EvaluationPruningSchedule(IServiceScopeFactory scopes, TimeProvider clock, ILogger<EvaluationPruningSchedule> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await EvaluationPruning.EnsureTodayAsync(scope.ServiceProvider.GetRequiredService<CandorDb>(), clock, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "evaluation pruning: could not queue today's run");
            }
            try
            {
                await Task.Delay(TimeSpan.FromHours(1), clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return; // shutting down: a normal end, not a failed service
            }
        }
    }
}
