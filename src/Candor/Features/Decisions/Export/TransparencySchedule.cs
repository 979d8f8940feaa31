using Candor.Data;
using Candor.Features.Decisions.Dumps;
using Microsoft.EntityFrameworkCore;

namespace Candor.Features.Decisions.Export;

/// <summary>
/// On every serve node, at start and then every <see cref="TdbExportSettings.Interval"/>: queues the export job of each
/// platform that has a TDB token and decisions to send, and the dump job of yesterday (UTC) when its files are
/// missing. Both jobs carry a dedupe key, so several nodes doing this at once queue each piece of work once.
/// </summary>
public sealed class TransparencySchedule(IServiceScopeFactory scopes, TdbExportSettings settings, TimeProvider clock,
    ILogger<TransparencySchedule> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await TickAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "transparency schedule: could not queue this round's work");
            }
            try
            {
                await Task.Delay(settings.Interval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return; // shutting down: a normal end, not a failed service
            }
        }
    }

    public async Task TickAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CandorDb>();
        foreach (var slug in settings.ConfiguredPlatforms())
        {
            var platformId = await db.Platforms.Where(p => p.Slug == slug).Select(p => (long?)p.Id).FirstOrDefaultAsync(ct);
            if (platformId is { } id && settings.For(slug) is not null && await ExportBacklog.HasWorkAsync(db, id, settings.Since, ct))
                await ExportBacklog.EnqueueAsync(db, clock, id, ct);
        }
        var dumps = scope.ServiceProvider.GetRequiredService<DumpFolder>();
        var yesterday = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(-1);
        if (!dumps.HasDay(yesterday)) await DumpJob.EnqueueAsync(db, clock, yesterday, ct);
    }
}
