using Candor.Features.Evaluations;
using Candor.Data;
using Candor.Features.Ads;
using Candor.Features.Advertisers;
using Candor.Features.Decisions.Issuing;
using Candor.Features.Decisions.Dumps;
using Candor.Features.Decisions.Export;
using Candor.Features.Decisions.Published;
using Candor.Features.Decisions.Tdb;
using Candor.Features.Identity;
using Candor.Features.Jobs;
using Candor.Features.Mail;
using Candor.Features.Operations;
using Candor.Features.Review;
using Candor.Features.Screening;
using Candor.Features.Screening.Vetting;
using Candor.Features.Tokens;
using Candor.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;

namespace Candor;

public sealed record ServeOptions(DatabaseSetting Database, string Urls, bool Demo = false, bool JsonLogs = false);

/// <summary>Composition of the web host: services, middleware, endpoints and pages. Used by `candor serve` and the tests.</summary>
public static class CandorApp
{
    /// <param name="settings">Configuration on top of the usual sources (environment, appsettings); tests pass theirs here.</param>
    public static WebApplication Build(ServeOptions options, Action<IServiceCollection>? overrides = null,
        IEnumerable<KeyValuePair<string, string?>>? settings = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(CandorApp).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
        });
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls(options.Urls);
        Features.Identity.PasswordLinks.UseListenAddress(options.Urls);
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
        builder.Logging.ClearProviders();
        if (options.JsonLogs) builder.Logging.AddJsonConsole(); else builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Warning);

        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddCandorStorage(options.Database);
        services.ConfigureHttpJsonOptions(o => CandorJson.Configure(o.SerializerOptions, strict: false));
        // Sessions and antiforgery tokens must verify on every node, so the key ring lives in the shared database.
        services.AddDataProtection().SetApplicationName("candor").PersistKeysToDbContext<CandorDb>();
        services.AddProblemDetails();
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.AddAuthentication(ApiTokenAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthentication>(ApiTokenAuthentication.SchemeName, null)
            .AddConsoleCookie()
            .AddConsoleOidc(builder.Configuration);
        services.Configure<OidcSettings>(builder.Configuration.GetSection(OidcSettings.Section));
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiTokenAuthentication.IngestPolicy, p => p
                .AddAuthenticationSchemes(ApiTokenAuthentication.SchemeName)
                .RequireClaim(ApiTokenAuthentication.ScopeClaim, "ingest"))
            .AddPolicy(ApiTokenAuthentication.DecisionsWritePolicy, p => p
                .AddAuthenticationSchemes(ApiTokenAuthentication.SchemeName)
                .RequireClaim(ApiTokenAuthentication.ScopeClaim, CreateToken.DecisionsWriteScope))
            .AddPolicy(ApiTokenAuthentication.DecisionsReadPolicy, p => p
                .AddAuthenticationSchemes(ApiTokenAuthentication.SchemeName)
                .RequireClaim(ApiTokenAuthentication.ScopeClaim, CreateToken.DecisionsWriteScope, "read:private"))
            .AddPolicy(ApiTokenAuthentication.ReadPrivatePolicy, p => p
                .AddAuthenticationSchemes(ApiTokenAuthentication.SchemeName)
                .RequireClaim(ApiTokenAuthentication.ScopeClaim, "read:private"))
            .AddPolicy(ScreeningEndpoints.ScreenPolicy, p => p
                .AddAuthenticationSchemes(ApiTokenAuthentication.SchemeName)
                .RequireClaim(ApiTokenAuthentication.ScopeClaim, "screen"))
            .AddScreeningConsolePolicy()
            .AddReviewPolicies()
            .AddFindingPolicies()
            .AddPolicy(ConsoleAuthentication.Policy, p => p
                .AddAuthenticationSchemes(ConsoleAuthentication.Scheme)
                .RequireAuthenticatedUser())
            .AddPolicy(ConsoleAccess.AdminAreaPolicy, p => p
                .AddAuthenticationSchemes(ConsoleAuthentication.Scheme)
                .RequireAssertion(context => context.User.MayEnterAdminArea()));
        services.Configure<SmtpOptions>(builder.Configuration.GetSection(SmtpOptions.Section));
        services.AddSingleton<OutboxSender>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxSender>());
        services.AddOpenApi("v1", o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "Candor API";
            doc.Info.Description = "Ingestion, public ad repository and operations endpoints of Candor.";
            // The document is committed; the address it was fetched from is not part of the contract.
            doc.Servers?.Clear();
            return Task.CompletedTask;
        }));
        services.AddCandorRateLimits(builder.Configuration);
        services.AddHostedService<ScreeningIndexRefresher>();
        services.AddCandorJobs(builder.Configuration);
        services.AddCandorDecisions(builder.Configuration);
        services.AddCandorReview(builder.Configuration);
        if (builder.Configuration.GetValue("Candor:Jobs:Enabled", true)) services.AddHostedService<JobRunnerService>();
        // Queues the TDB export and the daily dumps; harmless on every node (dedupe keys), off with Candor:Transparency:Schedule=false.
        if (builder.Configuration.GetValue("Candor:Transparency:Schedule", true)) services.AddHostedService<TransparencySchedule>();
        // Queues the daily evaluation pruning run; harmless on every node (the day is the dedupe key).
        if (builder.Configuration.GetValue("Candor:Evaluations:Prune", true)) services.AddHostedService<Features.Evaluations.EvaluationPruningSchedule>();
        services.AddRazorPages(o =>
        {
            o.RootDirectory = "/Web/Pages";
            o.Conventions.AuthorizeFolder("/Console", ConsoleAuthentication.Policy);
            o.Conventions.AuthorizeFolder("/Console/Admin", ConsoleAccess.AdminAreaPolicy);
            o.Conventions.AllowAnonymousToPage("/Console/SignIn");
            o.Conventions.AllowAnonymousToPage("/Console/SetPassword");
            o.Conventions.AddPageRoute("/Policies/Detail", "/policies/{id}/v/{version}");
        });
        overrides?.Invoke(services);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseSecurityHeaders();
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapHealthEndpoints();
        app.MapOidcSignInEndpoints();
        app.MapAdvertiserEndpoints();
        app.MapAdEndpoints();
        app.MapEvaluationEndpoints();
        app.MapPublicAdEndpoints();
        app.MapTdbStatementEndpoints();
        app.MapDecisionEndpoints();
        app.MapPublicDecisionEndpoints();
        app.MapDecisionExportEndpoints();
        app.MapDumpEndpoints();
        app.MapScreeningEndpoints();
        app.MapReviewEndpoints();
        app.MapFindingEndpoints();
        Features.Policies.PublicPolicies.MapPublicPolicyEndpoints(app);
        app.MapRazorPages().RequireRateLimiting(RateLimits.Public);
        return app;
    }

    /// <summary>Brings the schema up to date and, when asked, loads the demo data into an empty database.</summary>
    public static async Task PrepareAsync(WebApplication app, ServeOptions options, CancellationToken ct)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CandorDb>();
        await Schema.MigrateAsync(db, ct);
        if (options.Demo)
            await Features.Demo.DemoData.LoadIfEmptyAsync(db, scope.ServiceProvider.GetRequiredService<TimeProvider>(),
                app.Logger, ct, scope.ServiceProvider.GetRequiredService<Features.Decisions.Issuing.BoilerplateOptions>(),
                scope.ServiceProvider.GetRequiredService<Features.Notices.NoticeOptions>());
    }
}
