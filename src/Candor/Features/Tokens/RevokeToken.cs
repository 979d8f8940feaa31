using System.CommandLine;
using Candor.Cli;
using Candor.Data;
using Candor.Features.Platforms;
using Microsoft.EntityFrameworkCore;

namespace Candor.Features.Tokens;

/// <summary><c>candor token revoke --platform SLUG ID</c>: the token stops working at once.</summary>
public static class RevokeToken
{
    public static async Task<bool> RunAsync(CandorDb db, TimeProvider clock, long platformId, long tokenId, CancellationToken ct,
        string actor = "cli", string? remoteAddress = null)
    {
        var now = clock.GetUtcNow();
        var changed = await db.ApiTokens
            .Where(t => t.Id == tokenId && t.PlatformId == platformId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), ct);
        if (changed == 1)
        {
            Audit.AuditTrail.Record(db, clock, actor, "token-revoked", platformId, $"token:{tokenId}", remoteAddress);
            await db.SaveChangesAsync(ct);
        }
        return changed == 1;
    }

    public static Command Command()
    {
        var platform = new Option<string>("--platform") { Description = "The platform's slug", Required = true };
        var id = new Argument<long>("ID") { Description = "The token's id, as `candor token list` shows it" };
        var command = new Command("revoke", "Revoke an API token") { platform, id };
        command.SetHandler(async (parse, ct) =>
        {
            await using var services = await CliHost.OpenAsync(parse, ct);
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CandorDb>();
            var platformId = await PlatformLookup.IdOfAsync(db, parse.GetValue(platform), ct);
            var tokenId = parse.GetValue(id);
            if (!await RunAsync(db, scope.ServiceProvider.GetRequiredService<TimeProvider>(), platformId, tokenId, ct))
                throw new CliException($"Platform '{parse.GetValue(platform)}' has no active token {tokenId}.");
            Console.WriteLine($"Token {tokenId} revoked.");
            return CliHost.Ok;
        });
        return command;
    }
}
