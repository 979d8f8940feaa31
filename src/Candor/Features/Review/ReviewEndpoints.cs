using Candor.Data;
using Microsoft.AspNetCore.Authorization;
using Candor.Features.Tokens;
using Candor.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Candor.Features.Review;

/// <summary>
/// <c>GET /api/v1/review-items</c> and <c>GET /api/v1/review-items/{id}</c>: the platform's review queue for a token with
/// <c>read:private</c>. Claims belong to people, so claiming, releasing and dismissing happen in the console, where a
/// person is signed in; a token reads.
/// </summary>
public static class ReviewEndpoints
{
    public static IEndpointRouteBuilder MapReviewEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/review-items").WithTags("Review")
            .RequireAuthorization(ReviewRegistration.ReadPolicy)
            .RequireRateLimiting(RateLimits.Ingest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("", ListAsync)
            .WithName("ListReviewItems")
            .WithSummary("This platform's review items, highest priority then oldest first (cursor pages)")
            .WithDescription("Filters: state (open, dismissed, decided, resolved; default open), clause. A claim is shown only while its lease runs.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/{id:long}", GetAsync)
            .WithName("GetReviewItem")
            .WithSummary("One review item: subject, clause text, the evaluation's hits for the clause with their explanation trees");
        return app;
    }

    public static async Task<Results<Ok<ReviewQueuePage>, ProblemHttpResult>> ListAsync(HttpContext http, CandorDb db, TimeProvider clock, CancellationToken ct,
        string? state = ReviewStates.Open, string? clause = null, string? cursor = null, int limit = 50)
    {
        if (limit is < 1 or > ReviewListing.MaxLimit) return Problems.BadRequest("Bad limit", $"limit is 1 to {ReviewListing.MaxLimit}.");
        if (state is not null && state != "all" && !ReviewListing.States.Contains(state))
            return Problems.BadRequest("Bad state", $"state is one of {string.Join(", ", ReviewListing.States)} or all.");
        var page = await ReviewListing.ListAsync(db, http.User.PlatformId(), state == "all" ? null : state, string.IsNullOrWhiteSpace(clause) ? null : clause.Trim(),
            cursor, limit, clock.GetUtcNow(), ct);
        return page is null ? Problems.BadRequest("Bad cursor", "Pass next_cursor from the previous page unchanged.") : TypedResults.Ok(page);
    }

    public static async Task<Results<Ok<ReviewItemView>, ProblemHttpResult>> GetAsync(long id, HttpContext http, CandorDb db, TimeProvider clock, CancellationToken ct)
    {
        var view = await ReviewItemDetails.LoadAsync(db, http.User.PlatformId(), id, clock.GetUtcNow(), ct);
        return view is null ? Problems.NotFound($"This platform has no review item {id}.") : TypedResults.Ok(view);
    }

    public static AuthorizationBuilder AddReviewPolicies(this AuthorizationBuilder builder) =>
        builder.AddPolicy(ReviewRegistration.ReadPolicy, p => p
            .AddAuthenticationSchemes(ApiTokenAuthentication.SchemeName)
            .RequireClaim(ApiTokenAuthentication.ScopeClaim, ReviewRegistration.ReadScope));
}
