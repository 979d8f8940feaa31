using System.CommandLine;
using Candor.Cli;
using Candor.Data;
using Candor.Features.Platforms;

namespace Candor.Features.Tokens;

public sealed record TokenCreated(long Id, string Token, string Prefix, DateTimeOffset? ExpiresAt);

/// <summary><c>candor token create --platform SLUG</c>: prints a new API token once; only its hash is stored.</summary>
public static class CreateToken
{
    public const string DefaultScopes = "ingest";

    /// <summary>Sending statements of reasons (the TDB-compatible API, later Candor's own decisions API); also reads them back.</summary>
    public const string DecisionsWriteScope = "decisions:write";

    /// <summary>What a token may be allowed to do. Later features add theirs here.</summary>
    public static readonly IReadOnlySet<string> KnownScopes = new HashSet<string>(StringComparer.Ordinal) { "ingest", "read:private", DecisionsWriteScope, "screen" };

    public static async Task<TokenCreated> RunAsync(
        CandorDb db, TimeProvider clock, long platformId, string name, TimeSpan? lifetime, CancellationToken ct, string scopes = DefaultScopes,
        string actor = "cli", string? remoteAddress = null)
    {
        var unknown = scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(s => !KnownScopes.Contains(s)).ToList();
        if (unknown.Count > 0)
            throw new CliException($"Unknown scope '{unknown[0]}'; known scopes: {string.Join(", ", KnownScopes.Order(StringComparer.Ordinal))}.", CliHost.BadUsage);
        var secret = TokenSecret.New();
        var now = clock.GetUtcNow();
        var token = new ApiToken
        {
            PlatformId = platformId,
            Name = name,
            Hash = TokenSecret.Hash(secret),
            Prefix = TokenSecret.PrefixOf(secret),
            Scopes = string.Join(' ', scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal)),
            CreatedAt = now,
            ExpiresAt = lifetime is null ? null : now + lifetime,
        };
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(ct);
        Audit.AuditTrail.Record(db, clock, actor, "token-created", platformId, $"token:{token.Id}", remoteAddress, token.Scopes);
        await db.SaveChangesAsync(ct);
        return new TokenCreated(token.Id, secret, token.Prefix, token.ExpiresAt);
    }

    public static Command Command()
    {
        var platform = new Option<string>("--platform") { Description = "The platform's slug", Required = true };
        var name = new Option<string>("--name") { Description = "What the token is for", DefaultValueFactory = _ => "api" };
        var days = new Option<int?>("--expires-in-days") { Description = "Lifetime in days (default: no expiry)" };
        var scopeOption = new Option<string[]>("--scope")
        {
            Description = "What the token may do; repeat for several (ingest, read:private, decisions:write, screen). Default: ingest",
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command("create", "Create an API token for a platform and print it once") { platform, name, days, scopeOption };
        command.SetHandler(async (parse, ct) =>
        {
            var lifetimeDays = parse.GetValue(days);
            if (lifetimeDays is <= 0) throw new CliException("--expires-in-days must be positive.", CliHost.BadUsage);
            await using var services = await CliHost.OpenAsync(parse, ct);
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CandorDb>();
            var platformId = await PlatformLookup.IdOfAsync(db, parse.GetValue(platform), ct);
            var created = await RunAsync(db, scope.ServiceProvider.GetRequiredService<TimeProvider>(), platformId,
                parse.GetValue(name)!.Trim(), lifetimeDays is null ? null : TimeSpan.FromDays(lifetimeDays.Value), ct,
                parse.GetValue(scopeOption) is { Length: > 0 } scopes ? string.Join(' ', scopes) : DefaultScopes);
            Console.WriteLine(created.Token);
            await Console.Error.WriteLineAsync($"Token {created.Id} ({created.Prefix}…) created. It is shown only now; Candor keeps only its hash.");
            return CliHost.Ok;
        });
        return command;
    }
}
