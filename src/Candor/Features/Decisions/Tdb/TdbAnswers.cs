using System.Text.Json;
using Candor.Data;
using Candor.Features.Tokens;
using Candor.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Candor.Features.Decisions.Tdb;

/// <summary>The TDB's request reading and answer shapes (Laravel's), shared by the statement endpoints.</summary>
public static class TdbAnswers
{
    public const string DuplicateSingle = "The identifier given is not unique within this platform.";
    /// <summary>The TDB says "within this call" even when the puids were used in earlier calls; so do we.</summary>
    public const string DuplicateBatch = "The platform identifier(s) are not all unique within this call.";

    /// <summary>The body as JSON, or nothing: Laravel reads a body it cannot decode as no input, and validation then says what is missing.</summary>
    public static async Task<JsonElement> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        using var buffer = new MemoryStream(request.ContentLength is { } length and > 0 and < 64 * 1024 * 1024 ? (int)length : 0);
        await request.Body.CopyToAsync(buffer, ct);
        try
        {
            using var document = JsonDocument.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), new JsonDocumentOptions { MaxDepth = 16 });
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return default;
        }
    }

    public static IResult Json(object value, int status) => Results.Json(value, CandorJson.Output, statusCode: status);

    /// <summary>Laravel's 422: <c>{"message": first message (and N more errors), "errors": {...}}</c>.</summary>
    public static IResult Invalid(TdbErrors errors) =>
        Json(new Dictionary<string, object> { ["message"] = errors.Summary(), ["errors"] = errors.ToDictionary() }, StatusCodes.Status422UnprocessableEntity);

    public static string Actor(HttpContext http) => "token:" + http.User.FindFirst(ApiTokenAuthentication.TokenClaim)?.Value;

    public static string BaseUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}";

    public static Task<string> PlatformNameAsync(CandorDb db, long platformId, CancellationToken ct) =>
        db.Platforms.AsNoTracking().Where(p => p.Id == platformId).Select(p => p.Name).FirstAsync(ct);
}
