using Candor.Features.Identity;
using Candor.Cli;
using Candor.Data;
using Candor.Features.Mail;
using Candor.Features.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Candor.Web.Pages.Console.Admin;

public sealed record ConsoleToken(long Id, string Name, string Prefix, string Scopes, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt,
    string? LastUsedFrom, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt);

/// <summary>A platform's API tokens: list, create (the secret is shown on this one answer only), revoke.</summary>
public sealed class TokensModel(CandorDb db, TimeProvider clock, IOptions<SmtpOptions> smtp) : PlatformAdminPage(db, smtp)
{
    public const int MaxLifetimeDays = 3650;

    public IReadOnlyList<ConsoleToken> Tokens { get; private set; } = [];
    public string? NewToken { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task OnPostCreateAsync(string? name, string[]? scopes, int? expiresInDays, CancellationToken ct)
    {
        name = (name ?? "").Trim();
        if (name.Length is 0 or > 200) Problem = "Give the token a name of at most 200 characters.";
        else if (scopes is not { Length: > 0 }) Problem = "Choose at least one scope.";
        else if (expiresInDays is <= 0 or > MaxLifetimeDays) Problem = $"The lifetime is 1 to {MaxLifetimeDays} days, or empty for none.";
        else
        {
            try
            {
                var created = await CreateToken.RunAsync(Db, clock, PlatformId, name, expiresInDays is { } days ? TimeSpan.FromDays(days) : null, ct,
                    string.Join(' ', scopes), User.Actor(), HttpContext.Connection.RemoteIpAddress?.ToString());
                NewToken = created.Token;
            }
            catch (CliException ex)
            {
                Problem = ex.Message;
            }
        }
        await LoadAsync(ct);
    }

    public async Task OnPostRevokeAsync(long tokenId, CancellationToken ct)
    {
        var revoked = await RevokeToken.RunAsync(Db, clock, PlatformId, tokenId, ct, User.Actor(), HttpContext.Connection.RemoteIpAddress?.ToString());
        if (revoked) Notice = $"Token {tokenId} revoked; it fails from now on.";
        else Problem = "No such active token on this platform.";
        await LoadAsync(ct);
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Tokens = await Db.ApiTokens.AsNoTracking().Where(t => t.PlatformId == PlatformId).OrderByDescending(t => t.Id)
            .Select(t => new ConsoleToken(t.Id, t.Name, t.Prefix, t.Scopes, t.CreatedAt, t.LastUsedAt, t.LastUsedFrom, t.ExpiresAt, t.RevokedAt))
            .ToListAsync(ct);
}
