using Candor.Features.Tokens;
using Candor.Infrastructure;

namespace Candor.Features.Decisions.Issuing;

public static class DecisionEndpoints
{
    public static IEndpointRouteBuilder MapDecisionEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/decisions").WithTags("Decisions")
            .RequireRateLimiting(RateLimits.Ingest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapPost("", CreateDecision.HandleAsync)
            .RequireAuthorization(ApiTokenAuthentication.DecisionsWritePolicy)
            .WithName("CreateDecision")
            .WithSummary("Write a statement of reasons: a draft, or issued at once")
            .WithDescription("Every EU Transparency Database field and rule, plus the subject, the clause and version, evidence items the facts cite, " +
                             "and a boilerplate check. 422 problem details name each field; nothing is stored then. See docs/decisions.md.")
            .Accepts<DecisionRequestDoc>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("", ReadDecisions.ListAsync)
            .RequireAuthorization(ApiTokenAuthentication.DecisionsReadPolicy)
            .WithName("ListDecisions")
            .WithSummary("This platform's decisions, newest first (cursor pages)")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/{uuid:guid}", ReadDecisions.GetAsync)
            .RequireAuthorization(ApiTokenAuthentication.DecisionsReadPolicy)
            .WithName("GetDecision")
            .WithSummary("One of this platform's decisions with its history");
        group.MapPost("/{uuid:guid}/issue", IssueDraft.HandleAsync)
            .RequireAuthorization(ApiTokenAuthentication.DecisionsWritePolicy)
            .WithName("IssueDecision")
            .WithSummary("Issue a draft: effective now or at its effective_at; the notice goes out")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/{uuid:guid}/amend", AmendDecision.HandleAsync)
            .RequireAuthorization(ApiTokenAuthentication.DecisionsWritePolicy)
            .WithName("AmendDecision")
            .WithSummary("Replace an issued decision by a new one (the old one becomes superseded)")
            .Accepts<DecisionRequestDoc>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/{uuid:guid}/reverse", ReverseDecision.HandleAsync)
            .RequireAuthorization(ApiTokenAuthentication.DecisionsWritePolicy)
            .WithName("ReverseDecision")
            .WithSummary("Withdraw an issued decision, with a public reason")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        return app;
    }
}

/// <summary>The request body for the OpenAPI document: the TDB statement fields (see TdbStatementView) plus these.</summary>
public sealed record DecisionRequestDoc(
    string? Puid, string? AdvertiserId, string? AdId, ClauseRef Clause, IReadOnlyList<EvidenceItem> Evidence, DeciderRef? Decider,
    DateTimeOffset? EffectiveAt, bool? Draft, string DecisionFacts, string DecisionGround, string Category, IReadOnlyList<string> ContentType,
    string ContentDate, string ApplicationDate, string SourceType, string AutomatedDetection, string AutomatedDecision,
    IReadOnlyList<string>? DecisionVisibility, string? DecisionMonetary, string? DecisionProvision, string? DecisionAccount,
    string? IncompatibleContentGround, string? IncompatibleContentExplanation, string? IllegalContentLegalGround, string? IllegalContentExplanation,
    IReadOnlyList<string>? TerritorialScope);

public static class DecisionsRegistration
{
    public static IServiceCollection AddCandorDecisions(this IServiceCollection services, IConfiguration? configuration)
    {
        var boilerplate = new BoilerplateOptions();
        configuration?.GetSection("Candor:Decisions:Boilerplate").Bind(boilerplate);
        services.AddSingleton(boilerplate);
        var notices = new Notices.NoticeOptions();
        configuration?.GetSection("Candor:Notices").Bind(notices);
        services.AddSingleton(notices);
        services.AddHttpClient(Notices.DeliverWebhook.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(10));
        return services;
    }
}
