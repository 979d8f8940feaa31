namespace Candor.Features.Review;

/// <summary><c>Candor:Review</c>: how long a reviewer's claim on an item keeps others out.</summary>
public sealed class ReviewOptions
{
    public int ClaimMinutes { get; set; } = 30;

    public TimeSpan ClaimLease => TimeSpan.FromMinutes(Math.Clamp(ClaimMinutes, 1, 24 * 60));
}

public static class ReviewRegistration
{
    public const string ReadScope = "read:private";
    public const string ReadPolicy = "review:read";

    public static IServiceCollection AddCandorReview(this IServiceCollection services, IConfiguration configuration)
    {
        var options = new ReviewOptions();
        configuration.GetSection("Candor:Review").Bind(options);
        services.AddSingleton(options);
        return services;
    }
}
