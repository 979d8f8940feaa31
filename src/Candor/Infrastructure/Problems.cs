using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Candor.Infrastructure;

/// <summary>RFC 9457 problem details in the few shapes Candor answers with.</summary>
public static class Problems
{
    public static ProblemHttpResult BadRequest(string title, string detail) =>
        TypedResults.Problem(new ProblemDetails { Status = StatusCodes.Status400BadRequest, Title = title, Detail = detail });

    public static ProblemHttpResult Validation(int status, string title, FieldErrors errors) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors.ToDictionary().ToDictionary(e => e.Key, e => e.Value))
        {
            Status = status,
            Title = title,
            Detail = string.Join(" ", errors.Describe().Take(5)) + (errors.Count > 5 ? $" … and {errors.Count - 5} more." : ""),
        });

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(new ProblemDetails { Status = StatusCodes.Status404NotFound, Title = "Not found", Detail = detail });
}
