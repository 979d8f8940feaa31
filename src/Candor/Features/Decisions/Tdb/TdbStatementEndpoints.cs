using Candor.Features.Tokens;
using Candor.Infrastructure;

namespace Candor.Features.Decisions.Tdb;

/// <summary>
/// The EU Transparency Database's statement API at the same paths, so a platform's existing TDB client can
/// send to Candor unchanged. Answers use the TDB's (Laravel's) shapes rather than problem details, on purpose
/// (docs/tdb-compatibility.md).
/// </summary>
public static class TdbStatementEndpoints
{
    public static IEndpointRouteBuilder MapTdbStatementEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("EU Transparency Database compatible")
            .WithMetadata(TdbCompatibleErrors.Instance)
            // The ingest budget: 200 calls per second per token by default, the TDB's own per-user limit.
            .RequireRateLimiting(RateLimits.Ingest);
        Denials(group.MapPost("/statement", StoreStatement.HandleAsync))
            .RequireAuthorization(ApiTokenAuthentication.DecisionsWritePolicy)
            .WithName("TdbStoreStatement")
            .WithSummary("Submit one statement of reasons (EU Transparency Database API)")
            .WithDescription("Same fields, validation, messages and status codes as the TDB's POST /api/v1/statement. Needs the decisions:write scope. A puid is unique per platform forever.")
            .Accepts<TdbStatementView>("application/json")
            .Produces<TdbStatementView>(StatusCodes.Status201Created)
            .Produces<TdbValidationAnswer>(StatusCodes.Status422UnprocessableEntity);
        Denials(group.MapPost("/statements", StoreStatements.HandleAsync))
            .RequireAuthorization(ApiTokenAuthentication.DecisionsWritePolicy)
            .WithName("TdbStoreStatements")
            .WithSummary("Submit 1 to 100 statements of reasons at once, all or nothing (EU Transparency Database API)")
            .WithDescription("Body {\"statements\":[…]}. Per-statement errors are keyed statement_<index>; a reused puid rejects the whole call with existing_puids.")
            .Accepts<TdbBatchAnswer>("application/json")
            .Produces<TdbBatchAnswer>(StatusCodes.Status201Created)
            .Produces<TdbValidationAnswer>(StatusCodes.Status422UnprocessableEntity);
        Denials(group.MapGet("/statement/{uuid}", ReadStatements.GetAsync))
            .RequireAuthorization(ApiTokenAuthentication.DecisionsReadPolicy)
            .WithName("TdbGetStatement")
            .WithSummary("One of this platform's statements by uuid (EU Transparency Database API)")
            .Produces<TdbStatementView>()
            .Produces<TdbMessage>(StatusCodes.Status404NotFound);
        Denials(group.MapGet("/statement/existing-puid/{puid}", ReadStatements.ExistingPuidAsync))
            .RequireAuthorization(ApiTokenAuthentication.DecisionsReadPolicy)
            .WithName("TdbExistingPuid")
            .WithSummary("Whether this platform has used a puid: 302 with a JSON body, or 404 (EU Transparency Database API)")
            .Produces<TdbPuidAnswer>(StatusCodes.Status302Found)
            .Produces<TdbPuidAnswer>(StatusCodes.Status404NotFound);
        return app;
    }

    private static RouteHandlerBuilder Denials(RouteHandlerBuilder endpoint) => endpoint
        .Produces<TdbMessage>(StatusCodes.Status401Unauthorized)
        .Produces<TdbMessage>(StatusCodes.Status403Forbidden);
}

/// <summary>Shapes for the OpenAPI document only; handlers write the same JSON.</summary>
public sealed record TdbMessage(string Message);

public sealed record TdbPuidAnswer(string Message, string Puid);

public sealed record TdbBatchAnswer(IReadOnlyList<TdbStatementView> Statements);

public sealed record TdbValidationAnswer(string? Message, IReadOnlyDictionary<string, object> Errors);
