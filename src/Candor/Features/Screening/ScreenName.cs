using System.Globalization;
using Candor.Features.Screening.Lists;
using Candor.Features.Screening.Matching;
using Candor.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Candor.Features.Screening;

/// <summary>A name to screen as the API, the CLI and the console page take it.</summary>
public sealed record ScreenRequest(string? Name, string? Country = null, string? Type = null, string? DateOfBirth = null,
    double? MinScore = null, int? Limit = null);

/// <summary>One match as the API and <c>candor screen --json</c> print it.</summary>
public sealed record ScreenMatch(
    string List, string SourceId, string Name, string MatchedName, string MatchedNameKind, EntityType Type, double Score,
    long? SnapshotId, MatchExplanation Explanation);

/// <summary><c>POST /api/v1/screen</c> and <c>candor screen NAME</c>: one name against every current list, explained.</summary>
public static class ScreenName
{
    /// <summary>The threshold docs/screening.md recommends: precision and recall both about 0.99 on the labelled sets.</summary>
    public const double RecommendedMinScore = 0.85;
    public const int DefaultLimit = 10;
    public const int MaxLimit = 100;
    public const int MaxCountryChars = 100;

    /// <summary>The query, or field errors naming what is wrong with the request. Pure.</summary>
    public static (ScreeningQuery? Query, FieldErrors Errors) Validate(ScreenRequest request)
    {
        var errors = new FieldErrors();
        var name = request.Name;
        if (string.IsNullOrWhiteSpace(name)) errors.Add("name", "is required and must not be blank");
        else if (name.Length > NameText.MaxChars) errors.Add("name", $"is {name.Length:N0} characters; at most {NameText.MaxChars:N0} are screened");
        else if (name.Any(char.IsControl)) errors.Add("name", "contains control characters (tabs, line breaks or invisible codes); send the name as one plain line");
        if (request.Country is { } country && (country.Trim().Length is 0 or > MaxCountryChars || country.Any(char.IsControl)))
            errors.Add("country", $"must be an ISO 3166 alpha-2 code or a country name of at most {MaxCountryChars} characters");
        var type = EntityType.Unknown;
        if (request.Type is { } typeText && (!Enum.TryParse(typeText, ignoreCase: true, out type) || !Enum.IsDefined(type) || type == EntityType.Unknown
            || !typeText.All(char.IsLetter)))
            errors.Add("type", "must be one of person, organization, vessel, aircraft");
        if (request.DateOfBirth is { } dob && !IsDate(dob)) errors.Add("date_of_birth", "must be yyyy or yyyy-mm-dd");
        if (request.MinScore is { } min && (double.IsNaN(min) || min is < 0 or > 1)) errors.Add("min_score", "must be between 0 and 1");
        if (request.Limit is { } limit && limit is < 1 or > MaxLimit) errors.Add("limit", $"must be between 1 and {MaxLimit}");
        if (errors.Any) return (null, errors);
        return (new ScreeningQuery(name!.Trim(), request.Country?.Trim(), type, request.DateOfBirth,
            request.MinScore ?? RecommendedMinScore, request.Limit ?? DefaultLimit), errors);
    }

    private static bool IsDate(string text) =>
        (text.Length == 4 && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        || DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    /// <summary>Searches, or gives the reason the matcher refused the name (e.g. only emoji).</summary>
    public static (IReadOnlyList<ScreenMatch> Matches, string? Rejected) Run(LoadedIndex index, ScreeningQuery query)
    {
        var result = index.Index.Search(query);
        if (result.Rejected is not null) return ([], result.Rejected);
        return (result.Matches.Select(m => From(index, m)).ToList(), null);
    }

    public static ScreenMatch From(LoadedIndex index, ScreeningMatch m) =>
        new(m.List, m.SourceId, m.PrimaryName, m.MatchedName, m.MatchedNameKind, m.Type, m.Score, index.SnapshotOf(m.List), m.Explanation);

    public static async Task<Results<Ok<List<ScreenMatch>>, ProblemHttpResult>> HandleAsync(
        ScreenRequest request, ScreeningIndexHolder holder, CancellationToken ct)
    {
        var (query, errors) = Validate(request);
        if (query is null) return Problems.Validation(StatusCodes.Status400BadRequest, "The screening request is invalid", errors);
        var (matches, rejected) = Run(await holder.GetAsync(ct), query);
        if (rejected is not null)
        {
            errors.Add("name", rejected);
            return Problems.Validation(StatusCodes.Status400BadRequest, "The name cannot be screened", errors);
        }
        return TypedResults.Ok(matches.ToList());
    }

    /// <summary>An explanation on one line, for the CLI and CSV output: <c>rakesh→rajesh 0.83 fuzzy; gupta→gupta 1.00 exact</c>.</summary>
    public static string Describe(MatchExplanation explanation)
    {
        var parts = explanation.Tokens.Select(t => t.Matched is null
            ? $"{t.Query}→(none)"
            : string.Create(CultureInfo.InvariantCulture, $"{t.Query}→{t.Matched} {t.Similarity:0.00} {t.How}")).ToList();
        if (explanation.LegalForms != "none") parts.Add("legal forms: " + explanation.LegalForms);
        parts.AddRange(explanation.Adjustments.Select(a => string.Create(CultureInfo.InvariantCulture, $"{a.Reason} {a.Amount:+0.00;-0.00}")));
        parts.AddRange(explanation.Corroborations);
        return string.Join("; ", parts);
    }
}

public static class ScreeningEndpoints
{
    public const string ScreenPolicy = "screen";

    public static IEndpointRouteBuilder MapScreeningEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/screen", ScreenName.HandleAsync)
            .RequireAuthorization(ScreenPolicy).WithTags("Screening")
            .RequireRateLimiting(RateLimits.Ingest)
            .WithName("Screen")
            .WithSummary("Screen one name against every current restricted-party list, with explanations")
            .WithDescription("Matches best first, each with the list, the list's own id, the primary and matched names, a score in [0,1] and how it was reached. Needs a token with the 'screen' scope. min_score defaults to 0.85, the recommended threshold.")
            .Accepts<ScreenRequest>("application/json")
            .Produces<List<ScreenMatch>>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }
}
