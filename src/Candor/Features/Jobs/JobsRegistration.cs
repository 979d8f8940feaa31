namespace Candor.Features.Jobs;

public static class JobsRegistration
{
    /// <summary>The runner and every feature's job handlers; the web host and the CLI register the same set.</summary>
    public static IServiceCollection AddCandorJobs(this IServiceCollection services, IConfiguration? configuration)
    {
        var options = new JobsOptions();
        configuration?.GetSection("Candor:Jobs").Bind(options);
        services.AddSingleton(options);
        services.AddSingleton<JobRunner>();
        // Each feature with background work adds its handler here, e.g.
        // services.AddJobHandler<SendMail>("mail.send");
        Screening.Vetting.ScreeningJobs.AddScreeningJobs(services);
        return services;
    }

    public static IServiceCollection AddJobHandler<T>(this IServiceCollection services, string kind)
        where T : class, IJobHandler
    {
        services.AddScoped<T>();
        services.AddSingleton(new JobHandlerType(kind, typeof(T)));
        return services;
    }
}
