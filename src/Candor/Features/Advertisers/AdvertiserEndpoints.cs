using Candor.Features.Ads;
using Candor.Features.Tokens;

namespace Candor.Features.Advertisers;

public static class AdvertiserEndpoints
{
    public static IEndpointRouteBuilder MapAdvertiserEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/advertisers").RequireAuthorization(ApiTokenAuthentication.IngestPolicy).WithTags("Ingestion")
            .RequireRateLimiting(Infrastructure.RateLimits.Ingest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapPost("", UpsertAdvertisers.HandleAsync)
            .WithName("UpsertAdvertisers")
            .WithSummary("Create or update up to 1,000 advertisers by the platform's ids")
            .WithDescription("All or nothing: if any record is invalid, the answer is a 422 problem naming each record index and field, and nothing is stored.")
            .Accepts<List<AdvertiserInput>>("application/json")
            .Produces<IngestResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/{id}", GetAdvertiser.HandleAsync)
            .WithName("GetAdvertiser")
            .WithSummary("One of this platform's advertisers, by the platform's id")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }
}
