using System.CommandLine;
using Candor.Cli;
using Candor.Data;
using Candor.Features.Platforms;
using Microsoft.EntityFrameworkCore;

namespace Candor.Features.Notices;

public sealed record WebhookSet(long Id, string Url, string Secret);

/// <summary>
/// <c>candor webhook set --platform SLUG --url URL</c>: where the platform's notices are POSTed. Replaces the earlier
/// endpoint (one per platform) and prints a new signing secret once.
/// </summary>
public static class SetWebhook
{
    public static async Task<WebhookSet> RunAsync(CandorDb db, TimeProvider clock, long platformId, string url, CancellationToken ct)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
            throw new CliException("--url must be an absolute http(s) URL.", CliHost.BadUsage);
        var now = clock.GetUtcNow();
        await db.WebhookEndpoints.Where(w => w.PlatformId == platformId && w.DisabledAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.DisabledAt, now), ct);
        var endpoint = new WebhookEndpoint { PlatformId = platformId, Url = uri.ToString(), Secret = WebhookSignature.NewSecret(), CreatedAt = now };
        db.WebhookEndpoints.Add(endpoint);
        Audit.AuditTrail.Record(db, clock, "cli", "webhook-set", platformId, $"webhook:{uri.Host}");
        await db.SaveChangesAsync(ct);
        return new WebhookSet(endpoint.Id, endpoint.Url, endpoint.Secret);
    }

    public static Command Command()
    {
        var platform = new Option<string>("--platform") { Description = "The platform's slug", Required = true };
        var url = new Option<string>("--url") { Description = "Where notices are POSTed (signed with Candor-Signature)", Required = true };
        var command = new Command("set", "Set the platform's notice webhook and print its signing secret once") { platform, url };
        command.SetHandler(async (parse, ct) =>
        {
            await using var services = await CliHost.OpenAsync(parse, ct);
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CandorDb>();
            var platformId = await PlatformLookup.IdOfAsync(db, parse.GetValue(platform), ct);
            var set = await RunAsync(db, scope.ServiceProvider.GetRequiredService<TimeProvider>(), platformId, parse.GetValue(url)!, ct);
            Console.WriteLine(set.Secret);
            await Console.Error.WriteLineAsync($"Webhook {set.Id} → {set.Url}. Verify each delivery's Candor-Signature with this secret (docs/decisions.md).");
            return CliHost.Ok;
        });
        return command;
    }
}
