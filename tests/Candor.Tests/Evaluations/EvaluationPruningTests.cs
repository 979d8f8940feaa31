using Candor.Features.Evaluations;
using Candor.Features.Jobs;
using Candor.Features.Review;
using Candor.Tests.Infrastructure;
using Candor.Tests.Screening.Vetting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Candor.Tests.Evaluations;

/// <summary>Which of one subject's evaluations may go: pure.</summary>
public sealed class EvaluationPruningLogicTests
{
    private static readonly DateTimeOffset Cutoff = new(2026, 8, 1, 0, 0, 0, TimeSpan.Zero);

    private static EvaluationPruning.Row Old(long id, string outcome) => new(id, outcome, Cutoff.AddDays(-100 + id));

    [Fact]
    public void Old_repeats_of_the_previous_outcome_go_and_changes_first_latest_and_referenced_stay()
    {
        var rows = new[]
        {
            Old(1, "clear"), Old(2, "clear"), Old(3, "review"), Old(4, "review"), Old(5, "review"), Old(6, "clear"), Old(7, "clear"),
            new EvaluationPruning.Row(8, "clear", Cutoff.AddDays(1)), new EvaluationPruning.Row(9, "clear", Cutoff.AddDays(2)),
        };
        Assert.Equal([2L, 4L, 7L], EvaluationPruning.Deletable(rows, new HashSet<long> { 5 }, Cutoff));
    }

    [Fact]
    public void Pruning_again_deletes_nothing_more()
    {
        var rows = new List<EvaluationPruning.Row> { Old(1, "clear"), Old(2, "clear"), Old(3, "review"), Old(4, "review"), Old(5, "clear") };
        var first = EvaluationPruning.Deletable(rows, new HashSet<long>(), Cutoff);
        Assert.Equal([2L, 4L], first);
        Assert.Empty(EvaluationPruning.Deletable(rows.Where(r => !first.Contains(r.Id)).ToList(), new HashSet<long>(), Cutoff));
    }

    [Fact]
    public void A_single_or_latest_row_always_stays() =>
        Assert.Empty(EvaluationPruning.Deletable([Old(1, "clear"), Old(2, "clear")], new HashSet<long>(), Cutoff));
}

/// <summary>The daily pruning job over a real database and the real job queue; time from the fixture's fake clock.</summary>
public abstract class EvaluationPruningTests(AppFixture app)
{
    private JobRunner Runner() => new(app.Services.GetRequiredService<IServiceScopeFactory>(),
        [new JobHandlerType(EvaluationPruning.Kind, typeof(PruneEvaluationsJob))], new JobsOptions(), NullLogger<JobRunner>.Instance);

    [Fact]
    public async Task The_job_keeps_the_latest_the_changes_the_referenced_and_the_young_and_deletes_the_rest()
    {
        var platform = await app.CreatePlatformAsync();
        (await platform.Client.PostJsonAsync("/api/v1/advertisers", new[] { SampleRecords.Advertiser("adv-1") })).EnsureSuccessStatusCode();
        var advertiserId = await app.WithDbAsync(db => db.Advertisers.Where(a => a.PlatformId == platform.Id).Select(a => a.Id).SingleAsync());
        var now = app.Clock.GetUtcNow();
        var key = EvaluationSubjects.KeyOfAdvertiser(advertiserId);
        // Days ago and outcome: 200 clear, 190 clear (goes), 180 review, 170 review (goes), 160 review (an item's), 150 clear,
        // 140 clear (goes), 10 clear (young), 0 clear (latest).
        var history = new[] { (200, "clear"), (190, "clear"), (180, "review"), (170, "review"), (160, "review"), (150, "clear"), (140, "clear"), (10, "clear"), (0, "clear") };
        var ids = await app.WithDbAsync(async db =>
        {
            var rows = history.Select(h => new Evaluation
            {
                PlatformId = platform.Id, SubjectKind = EvaluationSubjects.Advertiser, SubjectKey = key, AdvertiserId = advertiserId,
                RuleSetHash = "test", PolicyVersionsJson = "[]", Outcome = h.Item2, HitsJson = "[]", Trigger = EvaluationTriggers.Manual,
                EvaluatedAt = now.AddDays(-h.Item1),
            }).ToList();
            foreach (var row in rows)
            {
                db.Evaluations.Add(row);
                await db.SaveChangesAsync(); // one at a time: ids in history order
            }
            db.ReviewItems.Add(new ReviewItem
            {
                PlatformId = platform.Id, SubjectKey = key, SubjectKind = EvaluationSubjects.Advertiser, AdvertiserId = advertiserId,
                EvaluationId = rows[4].Id, PolicyId = "P", PolicyVersion = "1", ClauseId = "P.1", RuleIdsJson = "[]",
                State = ReviewStates.Resolved, CreatedAt = now.AddDays(-160), UpdatedAt = now.AddDays(-150),
            });
            await db.SaveChangesAsync();
            return rows.Select(r => r.Id).ToList();
        });

        await app.WithDbAsync(db => BackgroundJobs.EnqueueAsync(db, app.Clock, EvaluationPruning.Kind, new { }, null, default));
        Assert.True(await Runner().RunUntilIdleAsync(default) >= 1);

        var left = await app.WithDbAsync(db => db.Evaluations.AsNoTracking().Where(e => e.SubjectKey == key).OrderBy(e => e.Id).Select(e => e.Id).ToListAsync());
        Assert.Equal([ids[0], ids[2], ids[4], ids[5], ids[7], ids[8]], left);
        // The host's schedule may have queued today's run too: whichever ran, the deletions are in their progress.
        var jobs = await app.WithDbAsync(db => db.Jobs.AsNoTracking().Where(j => j.Kind == EvaluationPruning.Kind).ToListAsync());
        Assert.All(jobs, j => Assert.Equal(JobStates.Succeeded, j.State));
        Assert.True(jobs.Sum(j => j.ProgressDone) >= 3);

        // A second run finds nothing more of this subject to delete.
        await app.WithDbAsync(db => BackgroundJobs.EnqueueAsync(db, app.Clock, EvaluationPruning.Kind, new { }, null, default));
        await Runner().RunUntilIdleAsync(default);
        Assert.Equal(left, await app.WithDbAsync(db => db.Evaluations.AsNoTracking().Where(e => e.SubjectKey == key).OrderBy(e => e.Id).Select(e => e.Id).ToListAsync()));
    }

    [Fact]
    public async Task Each_day_s_run_is_queued_once_however_often_nodes_ask()
    {
        await app.WithDbAsync(async db => { await EvaluationPruning.EnsureTodayAsync(db, app.Clock, default); await EvaluationPruning.EnsureTodayAsync(db, app.Clock, default); return 0; });
        var today = app.Clock.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(1, await app.WithDbAsync(db => db.Jobs.CountAsync(j => j.Kind == EvaluationPruning.Kind && j.DedupeKey == today)));

        await Runner().RunUntilIdleAsync(default);
        await app.WithDbAsync(async db => { await EvaluationPruning.EnsureTodayAsync(db, app.Clock, default); return 0; });
        Assert.Equal(1, await app.WithDbAsync(db => db.Jobs.CountAsync(j => j.Kind == EvaluationPruning.Kind && j.DedupeKey == today)));

        app.Clock.Advance(TimeSpan.FromDays(1));
        await app.WithDbAsync(async db => { await EvaluationPruning.EnsureTodayAsync(db, app.Clock, default); return 0; });
        var tomorrow = app.Clock.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(1, await app.WithDbAsync(db => db.Jobs.CountAsync(j => j.Kind == EvaluationPruning.Kind && j.DedupeKey == tomorrow)));
    }
}

public sealed class EvaluationPruningTests_Sqlite(QuietSqliteApp app) : EvaluationPruningTests(app), IClassFixture<QuietSqliteApp>;

public sealed class EvaluationPruningTests_Postgres(QuietPostgresApp app) : EvaluationPruningTests(app), IClassFixture<QuietPostgresApp>;
