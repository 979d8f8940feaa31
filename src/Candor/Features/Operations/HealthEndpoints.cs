using Candor.Data;
using Microsoft.EntityFrameworkCore;

namespace Candor.Features.Operations;

public sealed record HealthStatus(string Status, string? Detail = null);

/// <summary>/healthz: the process answers. /readyz: and it can reach its database.</summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("").AllowAnonymous().WithTags("Operations");
        group.MapGet("/healthz", () => TypedResults.Ok(new HealthStatus("ok"))).WithName("Liveness").WithSummary("The process is alive");
        group.MapGet("/readyz", ReadyAsync).WithName("Readiness").WithSummary("The database is reachable")
            .Produces<HealthStatus>()
            .Produces<HealthStatus>(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static async Task<IResult> ReadyAsync(CandorDb db, ILoggerFactory logs, CancellationToken ct)
    {
        try
        {
            if (!await db.Database.CanConnectAsync(ct))
                return TypedResults.Json(new HealthStatus("unavailable", "The database cannot be reached."), statusCode: 503);
            // A query on a real table proves the schema is in place too, not only the connection.
            await db.Platforms.AsNoTracking().AnyAsync(ct);
            return TypedResults.Ok(new HealthStatus("ready"));
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException)
        {
            logs.CreateLogger("Candor.Readiness").LogWarning(ex, "Readiness check failed");
            return TypedResults.Json(new HealthStatus("unavailable", "The database schema is not usable; run `candor migrate`."), statusCode: 503);
        }
    }
}
