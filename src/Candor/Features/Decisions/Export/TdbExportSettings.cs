namespace Candor.Features.Decisions.Export;

/// <summary>Where and as whom one platform's decisions go.</summary>
public sealed record TdbTarget(Uri BaseUrl, string Token);

/// <summary>
/// The exporter's settings, read from configuration on every use (so a token can be added without a restart):
/// <c>Candor:Tdb:BaseUrl</c>, and per platform slug <c>Candor:Tdb:Platforms:SLUG:Token</c> (and optionally
/// <c>…:BaseUrl</c>). Outgoing tokens must be usable, so they cannot be hashed; they live in configuration
/// (environment or secret store), never in the database. A platform without a token is not exported.
/// </summary>
public sealed class TdbExportSettings(IConfiguration configuration)
{
    public const int MaxBatch = 100;

    public TdbTarget? For(string platformSlug)
    {
        var token = configuration[$"Candor:Tdb:Platforms:{platformSlug}:Token"];
        var baseUrl = configuration[$"Candor:Tdb:Platforms:{platformSlug}:BaseUrl"] ?? configuration["Candor:Tdb:BaseUrl"];
        if (string.IsNullOrWhiteSpace(token) || !Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri)) return null;
        return new TdbTarget(uri, token.Trim());
    }

    /// <summary>Slugs with a token configured.</summary>
    public IReadOnlyList<string> ConfiguredPlatforms() =>
        configuration.GetSection("Candor:Tdb:Platforms").GetChildren().Where(c => !string.IsNullOrWhiteSpace(c["Token"])).Select(c => c.Key).ToList();

    /// <summary>Statements per call, 1 to 100 (the TDB's limit).</summary>
    public int BatchSize => Math.Clamp(configuration.GetValue("Candor:Tdb:BatchSize", MaxBatch), 1, MaxBatch);

    /// <summary>Decisions issued before this instant (<c>Candor:Tdb:Since</c>) are only exported by a backfill; unset: every decision.</summary>
    public DateTimeOffset? Since => configuration.GetValue<DateTimeOffset?>("Candor:Tdb:Since");

    /// <summary>How often each node looks for decisions to export and days to dump.</summary>
    public TimeSpan Interval => configuration.GetValue("Candor:Tdb:Interval", TimeSpan.FromMinutes(1));
}
