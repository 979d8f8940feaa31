namespace Candor.Features.Decisions.Published;

public static class PublicDecisionEndpoints
{
    public static IEndpointRouteBuilder MapPublicDecisionEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/public/decisions").AllowAnonymous().WithTags("Public decisions")
            .RequireRateLimiting(Infrastructure.RateLimits.Public);
        group.MapGet("", SearchPublicDecisions.HandleAsync)
            .WithName("SearchPublicDecisions")
            .WithSummary("Search issued decisions (statements of reasons): advertiser, clause, category, ground, automation, platform, status, issue dates; cursor pages, newest first")
            .ProducesValidationProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/{uuid:guid}", GetPublicDecision.HandleAsync)
            .WithName("GetPublicDecision")
            .WithSummary("One issued decision with its public history (amendments, supersession, reversal and their reasons)")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }
}
