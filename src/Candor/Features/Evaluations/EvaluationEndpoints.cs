using Candor.Features.Tokens;

namespace Candor.Features.Evaluations;

public static class EvaluationEndpoints
{
    public static IEndpointRouteBuilder MapEvaluationEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Evaluations")
            .RequireAuthorization(ApiTokenAuthentication.ReadPrivatePolicy)
            .RequireRateLimiting(Infrastructure.RateLimits.Ingest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/ads/{id}/evaluations", ReadEvaluations.ForAdAsync)
            .WithName("GetAdEvaluations")
            .WithSummary("One of this platform's ads: its stored evaluations with explanation trees, latest first")
            .Produces<SubjectEvaluationsView>(StatusCodes.Status200OK, "application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/advertisers/{id}/evaluations", ReadEvaluations.ForAdvertiserAsync)
            .WithName("GetAdvertiserEvaluations")
            .WithSummary("One of this platform's advertisers: its stored evaluations with explanation trees, latest first")
            .Produces<SubjectEvaluationsView>(StatusCodes.Status200OK, "application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/evaluations/shadow-report", ShadowReport.HandleAsync)
            .WithName("GetShadowReport")
            .WithSummary("What each shadow rule would have changed on this platform's subjects (since a date)")
            .WithDescription("Over the latest evaluation of each subject with shadow hits: per shadow rule, the subjects it hit, how many outcomes " +
                             "its clause would have raised (e.g. clear → review), and samples. See docs/evaluations.md.");
        return app;
    }
}
