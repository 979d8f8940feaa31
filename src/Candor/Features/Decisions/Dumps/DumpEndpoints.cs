namespace Candor.Features.Decisions.Dumps;

/// <summary>Downloads of the daily dumps and their checksums: public, like the TDB's.</summary>
public static class DumpEndpoints
{
    public static IEndpointRouteBuilder MapDumpEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/decisions/dumps/{file}", Download).AllowAnonymous()
            .RequireRateLimiting(Infrastructure.RateLimits.Public)
            .WithTags("Public decisions")
            .WithName("DownloadDecisionDump")
            .WithSummary("One daily dump (sor-SLUG-DATE-full|light.zip) or its .sha256 file; the list is the page /decisions/dumps")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static IResult Download(string file, DumpFolder folder)
    {
        if (folder.Find(file) is not { } path) return Infrastructure.Problems.NotFound($"There is no dump {file}.");
        var type = file.EndsWith(".sha256", StringComparison.Ordinal) ? "text/plain; charset=utf-8" : "application/zip";
        return TypedResults.PhysicalFile(path, type, file, enableRangeProcessing: true);
    }
}
