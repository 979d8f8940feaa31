using Candor.Data;
using Candor.Features.Tokens;
using Candor.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Candor.Features.Screening.Vetting;

/// <summary>
/// <c>/api/v1/screening/findings</c>: the platform's screening findings for a compliance tool. Reading needs the
/// <c>screen</c> or <c>read:private</c> scope (findings are private data about the platform's own advertisers, which
/// read:private already covers); clearing and confirming need <c>screen</c>, the compliance capability.
/// </summary>
public static class FindingEndpoints
{
    public const string ReadPolicy = "screening-findings-read";

    public static AuthorizationBuilder AddFindingPolicies(this AuthorizationBuilder builder) =>
        builder.AddPolicy(ReadPolicy, p => p
            .AddAuthenticationSchemes(ApiTokenAuthentication.SchemeName)
            .RequireClaim(ApiTokenAuthentication.ScopeClaim, "screen", "read:private"));

    public static IEndpointRouteBuilder MapFindingEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/screening/findings").WithTags("Screening")
            .RequireRateLimiting(RateLimits.Ingest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("", ListAsync)
            .RequireAuthorization(ReadPolicy)
            .WithName("ListScreeningFindings")
            .WithSummary("This platform's screening findings, best score first, then oldest first (cursor pages)")
            .WithDescription("state: open (default), cleared, confirmed, delisted or all; list: a list slug; limit 1-200 (default 50). Needs the 'screen' or 'read:private' scope.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/{id:long}", GetAsync)
            .RequireAuthorization(ReadPolicy)
            .WithName("GetScreeningFinding")
            .WithSummary("One finding: the advertiser, the name screened, the list entry it matched and the stored explanation")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:long}/clear", (long id, FindingReviewRequest body, HttpContext http, CandorDb db, TimeProvider clock, CancellationToken ct) =>
                ReviewAsync(id, FindingVerdict.Clear, body, http, db, clock, ct))
            .RequireAuthorization(ScreeningEndpoints.ScreenPolicy)
            .WithName("ClearScreeningFinding")
            .WithSummary("Clear a finding: a false positive. A reason is required; it stays cleared while the list entry is unchanged")
            .Accepts<FindingReviewRequest>("application/json")
            .Produces<FindingDetail>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/{id:long}/confirm", (long id, FindingReviewRequest body, HttpContext http, CandorDb db, TimeProvider clock, CancellationToken ct) =>
                ReviewAsync(id, FindingVerdict.Confirm, body, http, db, clock, ct))
            .RequireAuthorization(ScreeningEndpoints.ScreenPolicy)
            .WithName("ConfirmScreeningFinding")
            .WithSummary("Confirm a finding: the advertiser is the listed party. A reason is required")
            .Accepts<FindingReviewRequest>("application/json")
            .Produces<FindingDetail>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    public static async Task<Results<Ok<FindingPage>, ProblemHttpResult>> ListAsync(HttpContext http, CandorDb db, CancellationToken ct,
        string? state = null, string? list = null, string? cursor = null, int limit = 50)
    {
        var (page, errors) = await ReadFindings.PageAsync(db, http.User.PlatformId(), new FindingFilter(state, list, cursor, limit), ct);
        return page is null ? Problems.Validation(StatusCodes.Status400BadRequest, "Bad finding query", errors) : TypedResults.Ok(page);
    }

    public static async Task<Results<Ok<FindingDetail>, ProblemHttpResult>> GetAsync(long id, HttpContext http, CandorDb db, CancellationToken ct) =>
        await ReadFindings.DetailAsync(db, http.User.PlatformId(), id, ct) is { } detail
            ? TypedResults.Ok(detail)
            : Problems.NotFound($"This platform has no screening finding {id}.");

    private static async Task<Results<Ok<FindingDetail>, ProblemHttpResult>> ReviewAsync(long id, FindingVerdict verdict, FindingReviewRequest body,
        HttpContext http, CandorDb db, TimeProvider clock, CancellationToken ct)
    {
        var actor = "token:" + http.User.FindFirst(ApiTokenAuthentication.TokenClaim)?.Value;
        // A token speaks for the platform, not for a senior reviewer: it may decide open findings only.
        var result = await ReviewFinding.RunAsync(db, clock, http.User.PlatformId(), id, verdict, body.Reason, actor, mayRedecide: false,
            http.Connection.RemoteIpAddress?.ToString(), ct);
        if (result.NotFound) return Problems.NotFound($"This platform has no screening finding {id}.");
        if (result.Invalid is { } invalid)
        {
            var errors = new FieldErrors();
            errors.Add("reason", invalid);
            return Problems.Validation(StatusCodes.Status422UnprocessableEntity, "The review needs a reason", errors);
        }
        if (result.Conflict is { } conflict)
            return TypedResults.Problem(new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = StatusCodes.Status409Conflict, Title = "Conflict", Detail = conflict });
        return TypedResults.Ok(result.Finding!);
    }
}
