namespace Candor.Features.Ads;

public static class PublicAdEndpoints
{
    public static IEndpointRouteBuilder MapPublicAdEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/public/ads").AllowAnonymous().WithTags("Public ad repository")
            .RequireRateLimiting(Infrastructure.RateLimits.Public);
        group.MapGet("", SearchPublicAds.HandleAsync)
            .WithName("SearchPublicAds")
            .WithSummary("Search every ad that ran: keyword, advertiser, payer, country, period, status; cursor pages, newest first")
            .ProducesValidationProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/{id:long}", GetPublicAd.HandleAsync)
            .WithName("GetPublicAd")
            .WithSummary("One ad with every DSA Art. 39 field")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }
}
