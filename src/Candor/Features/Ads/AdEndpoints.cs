using Candor.Features.Tokens;

namespace Candor.Features.Ads;

public static class AdEndpoints
{
    public static IEndpointRouteBuilder MapAdEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/ads").RequireAuthorization(ApiTokenAuthentication.IngestPolicy).WithTags("Ingestion")
            .RequireRateLimiting(Infrastructure.RateLimits.Ingest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapPost("", UpsertAds.HandleAsync)
            .WithName("UpsertAds")
            .WithSummary("Create or update up to 1,000 ads by the platform's ids")
            .WithDescription("All or nothing: if any record is invalid (including an advertiser_id the platform has not registered), the answer is a 422 problem naming each record index and field, and nothing is stored.")
            .Accepts<List<AdInput>>("application/json")
            .Produces<IngestResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/{id}", GetAd.HandleAsync)
            .WithName("GetAd")
            .WithSummary("One of this platform's ads, by the platform's id")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }
}
