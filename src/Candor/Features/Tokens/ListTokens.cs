using System.CommandLine;
using System.Text.Json;
using Candor.Cli;
using Candor.Data;
using Candor.Features.Platforms;
using Candor.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Candor.Features.Tokens;

public sealed record TokenSummary(
    long Id, string Name, string Prefix, string Scopes, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt,
    DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt);

/// <summary><c>candor token list --platform SLUG</c>: never shows a secret, only the prefix.</summary>
public static class ListTokens
{
    public static Command Command()
    {
        var platform = new Option<string>("--platform") { Description = "The platform's slug", Required = true };
        var command = new Command("list", "List a platform's API tokens as JSON lines (no secrets)") { platform };
        command.SetHandler(async (parse, ct) =>
        {
            await using var services = await CliHost.OpenAsync(parse, ct);
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CandorDb>();
            var platformId = await PlatformLookup.IdOfAsync(db, parse.GetValue(platform), ct);
            var tokens = await db.ApiTokens.AsNoTracking().Where(t => t.PlatformId == platformId).OrderBy(t => t.Id)
                .Select(t => new TokenSummary(t.Id, t.Name, t.Prefix, t.Scopes, t.CreatedAt, t.LastUsedAt, t.ExpiresAt, t.RevokedAt))
                .ToListAsync(ct);
            foreach (var t in tokens) Console.WriteLine(JsonSerializer.Serialize(t, CandorJson.Output));
            return CliHost.Ok;
        });
        return command;
    }
}
