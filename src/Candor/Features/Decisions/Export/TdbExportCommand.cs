using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Candor.Cli;
using Candor.Data;
using Candor.Features.Platforms;
using Candor.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Candor.Features.Decisions.Export;

/// <summary>
/// <c>candor tdb export --since DATE [--platform SLUG]</c>: a backfill. Queues every public decision issued since
/// DATE that was never queued, re-queues the failed ones, and queues the export job; prints one JSON line per
/// platform (queued now, pending in all, already sent, job id). The jobs run on a serve node or with <c>candor jobs run</c>.
/// </summary>
public static class TdbExportCommand
{
    public sealed record Summary(string Platform, int Queued, int Pending, int Sent, int Failed, long? JobId, string? Warning);

    public static Command Command()
    {
        var since = new Option<string>("--since") { Description = "UTC day (YYYY-MM-DD): decisions issued from then on", Required = true };
        var platform = new Option<string?>("--platform") { Description = "Only this platform (default: every platform with a TDB token configured)" };
        var export = new Command("export", "Queue decisions issued since a day for export to the EU Transparency Database (backfill)") { since, platform };
        export.SetHandler(async (parse, ct) =>
        {
            if (!DateOnly.TryParseExact(parse.GetValue(since), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                throw new CliException("--since must be a day in the form YYYY-MM-DD.", CliHost.BadUsage);
            await using var services = await CliHost.OpenAsync(parse, ct);
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CandorDb>();
            var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
            var settings = scope.ServiceProvider.GetRequiredService<TdbExportSettings>();
            var slugs = parse.GetValue(platform) is { } one ? [one] : settings.ConfiguredPlatforms();
            if (slugs.Count == 0) throw new CliException("No platform has a TDB token configured (Candor__Tdb__Platforms__SLUG__Token); name one with --platform.");
            var from = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            foreach (var slug in slugs)
            {
                var platformId = await PlatformLookup.IdOfAsync(db, slug, ct);
                var queued = await ExportBacklog.MarkPendingAsync(db, clock, platformId, from, retryFailed: true, ct);
                var counts = await db.DecisionExports.Where(e => e.PlatformId == platformId).GroupBy(e => e.State)
                    .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
                var configured = settings.For(slug) is not null;
                long? jobId = configured ? await ExportBacklog.EnqueueAsync(db, clock, platformId, ct) : null;
                var summary = new Summary(slug, queued, counts.GetValueOrDefault(ExportStates.Pending), counts.GetValueOrDefault(ExportStates.Sent),
                    counts.GetValueOrDefault(ExportStates.Failed), jobId,
                    configured ? null : $"no TDB token configured for {slug}: decisions are queued, no job started");
                Console.WriteLine(JsonSerializer.Serialize(summary, CandorJson.Output));
            }
            return CliHost.Ok;
        });
        return new Command("tdb", "Export to the EU Transparency Database") { export };
    }
}
