using Candor.Cli;
using Candor.Data;
using Microsoft.EntityFrameworkCore;

namespace Candor.Features.Platforms;

public static class PlatformLookup
{
    /// <summary>The platform id for a slug given on the command line, or a clear error.</summary>
    public static async Task<long> IdOfAsync(CandorDb db, string? slug, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(slug)) throw new CliException("--platform SLUG is required.", CliHost.BadUsage);
        var id = await db.Platforms.Where(p => p.Slug == slug.Trim()).Select(p => (long?)p.Id).FirstOrDefaultAsync(ct);
        return id ?? throw new CliException($"No platform with slug '{slug}'. `candor platform list` shows them.");
    }
}
