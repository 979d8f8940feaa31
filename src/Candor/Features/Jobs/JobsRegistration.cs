using Candor.Data;
using Candor.Features.Decisions.Dumps;
using Candor.Features.Decisions.Export;
using Microsoft.Extensions.DependencyInjection.Extensions;

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
        // Each feature with background work adds its handler here.
        services.AddJobHandler<Notices.DeliverWebhook>(Notices.DeliverWebhook.Kind);
        services.AddJobHandler<Decisions.Issuing.TakeEffect>(Decisions.Issuing.TakeEffect.Kind);
        if (configuration is not null) services.TryAddSingleton(configuration);
        services.AddSingleton<TdbExportSettings>();
        services.AddSingleton(sp => new DumpFolder(sp.GetService<IConfiguration>(), sp.GetRequiredService<DatabaseSetting>()));
        services.AddHttpClient(TdbExportJob.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(60));
        services.AddJobHandler<TdbExportJob>(ExportBacklog.JobKind);
        services.AddJobHandler<DumpJob>(DumpJob.JobKind);
        Screening.Vetting.ScreeningJobs.AddScreeningJobs(services);
        Evaluations.EvaluationJobs.AddEvaluations(services);
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
