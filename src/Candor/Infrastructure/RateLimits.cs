using System.Globalization;
using System.Threading.RateLimiting;
using Candor.Features.Tokens;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Candor.Infrastructure;

/// <summary>Per-client request budgets, configurable under <c>Candor:RateLimits</c>.</summary>
public sealed class RateLimitOptions
{
    /// <summary>Ingestion calls per second per platform token; the EU Transparency Database allows 200.</summary>
    public int IngestPerSecond { get; set; } = 200;

    /// <summary>Public search and read calls per minute per client address.</summary>
    public int PublicPerMinute { get; set; } = 600;

    /// <summary>Sign-in attempts per minute per client address (on top of the per-account lockout).</summary>
    public int SignInPerMinute { get; set; } = 10;
}

public static class RateLimits
{
    public const string Ingest = "ingest";
    public const string Public = "public";
    public const string SignIn = "sign-in";

    public static IServiceCollection AddCandorRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<RateLimitOptions>(configuration.GetSection("Candor:RateLimits"));
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(Ingest, context => RateLimitPartition.GetFixedWindowLimiter(
                // Before authentication has run the token is the partition; its hash keeps secrets out of memory dumps.
                "token:" + TokenSecret.Hash(context.Request.Headers.Authorization.ToString()),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = Options(context).IngestPerSecond, Window = TimeSpan.FromSeconds(1) }));
            limiter.AddPolicy(Public, context => RateLimitPartition.GetFixedWindowLimiter(
                "ip:" + context.Connection.RemoteIpAddress,
                _ => new FixedWindowRateLimiterOptions { PermitLimit = Options(context).PublicPerMinute, Window = TimeSpan.FromMinutes(1) }));
            limiter.AddPolicy(SignIn, context => context.Request.Method != HttpMethods.Post
                ? RateLimitPartition.GetNoLimiter("read")
                : RateLimitPartition.GetFixedWindowLimiter("ip:" + context.Connection.RemoteIpAddress,
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = Options(context).SignInPerMinute, Window = TimeSpan.FromMinutes(1) }));
            limiter.OnRejected = async (rejected, ct) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await Results.Problem(new ProblemDetails
                {
                    Status = StatusCodes.Status429TooManyRequests,
                    Title = "Too many requests",
                    Detail = $"Slow down: try again in {seconds} s.",
                }).ExecuteAsync(rejected.HttpContext);
            };
        });
        return services;
    }

    private static RateLimitOptions Options(HttpContext context) =>
        context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<RateLimitOptions>>().Value;
}
