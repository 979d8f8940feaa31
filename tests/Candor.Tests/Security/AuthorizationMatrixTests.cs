using System.Net;
using System.Text.RegularExpressions;
using Candor.Features.Identity;
using Candor.Features.Tokens;
using Candor.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Candor.Tests.Security;

/// <summary>Who may reach an endpoint or page. Every endpoint and page of the app must have one.</summary>
public enum Access
{
    Public,
    IngestToken,
    ConsoleUser,
    /// <summary>A token with the decisions:write scope.</summary>
    DecisionsWriteToken,
    /// <summary>A token with decisions:write or read:private.</summary>
    DecisionsReadToken,
}

/// <summary>
/// Enumerates every endpoint and page the app maps and checks each kind of caller against the table below.
/// A new endpoint or page without an entry fails the test, so access is always decided on purpose.
/// </summary>
public abstract partial class AuthorizationMatrixTests(AppFixture app)
{
    private static readonly Dictionary<string, Access> Table = new(StringComparer.Ordinal)
    {
        ["GET /healthz"] = Access.Public,
        ["GET /readyz"] = Access.Public,
        ["GET /openapi/{documentName}.json"] = Access.Public,
        ["POST /api/v1/advertisers"] = Access.IngestToken,
        ["GET /api/v1/advertisers/{id}"] = Access.IngestToken,
        ["POST /api/v1/ads"] = Access.IngestToken,
        ["GET /api/v1/ads/{id}"] = Access.IngestToken,
        ["GET /api/v1/public/ads"] = Access.Public,
        ["GET /api/v1/public/ads/{id:long}"] = Access.Public,
        ["POST /api/v1/statement"] = Access.DecisionsWriteToken,
        ["POST /api/v1/statements"] = Access.DecisionsWriteToken,
        ["GET /api/v1/statement/{uuid}"] = Access.DecisionsReadToken,
        ["GET /api/v1/statement/existing-puid/{puid}"] = Access.DecisionsReadToken,
        ["GET /api/v1/public/policies"] = Access.Public,
        ["GET /api/v1/public/policies/{id}/versions"] = Access.Public,
        ["PAGE /policies"] = Access.Public,
        ["PAGE /policies/{id}"] = Access.Public,
        ["PAGE /policies/{id}/v/{version}"] = Access.Public,
        ["PAGE /policies/{id}/diff"] = Access.Public,
        ["PAGE /"] = Access.Public,
        ["PAGE /ads"] = Access.Public,
        ["PAGE /ads/{id:long}"] = Access.Public,
        ["PAGE /api"] = Access.Public,
        ["PAGE /console/sign-in"] = Access.Public,
        ["PAGE /console/set-password"] = Access.Public,
        ["PAGE /console"] = Access.ConsoleUser,
        ["PAGE /console/sign-out"] = Access.ConsoleUser,
    };

    private List<string> MappedEndpoints() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null
                ? ["PAGE /" + e.RoutePattern.RawText!.Trim('/')]
                : (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["ANY"])
                    .Select(m => $"{m} /{e.RoutePattern.RawText!.Trim('/')}"))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    [Fact]
    public void Every_endpoint_and_page_has_an_entry_in_the_table()
    {
        var mapped = MappedEndpoints();

        Assert.Empty(mapped.Except(Table.Keys));
        Assert.Empty(Table.Keys.Except(mapped));
    }

    [Fact]
    public async Task Each_kind_of_caller_gets_exactly_what_the_table_allows()
    {
        var platform = await app.CreatePlatformAsync();
        var readOnly = await app.WithDbAsync(db => CreateToken.RunAsync(db, app.Clock, platform.Id, "ro", null, default, "read:private"));
        var decisions = await app.WithDbAsync(db => CreateToken.RunAsync(db, app.Clock, platform.Id, "tdb", null, default, CreateToken.DecisionsWriteScope));
        var consoleUser = await SignedInConsoleAsync(platform.Id);
        var callers = new Dictionary<string, HttpClient>
        {
            ["anonymous"] = NoRedirects(null),
            ["ingest token"] = NoRedirects(platform.Token),
            ["read-only token"] = NoRedirects(readOnly.Token),
            ["decisions token"] = NoRedirects(decisions.Token),
            ["console user"] = consoleUser,
        };
        var failures = new List<string>();
        foreach (var (endpoint, access) in Table)
        {
            foreach (var (caller, client) in callers)
            {
                var status = await CallAsync(client, endpoint);
                var allowed = access switch
                {
                    Access.Public => true,
                    Access.IngestToken => caller == "ingest token",
                    Access.ConsoleUser => caller == "console user",
                    Access.DecisionsWriteToken => caller == "decisions token",
                    Access.DecisionsReadToken => caller is "decisions token" or "read-only token",
                    _ => false,
                };
                var denied = status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                    || (status == HttpStatusCode.Redirect && access == Access.ConsoleUser);
                if ((int)status >= 500) failures.Add($"{endpoint} as {caller}: {(int)status}, a server error");
                else if (allowed == denied) failures.Add($"{endpoint} as {caller}: {(int)status}, expected {(allowed ? "allowed" : "denied")}");
            }
        }

        Assert.Empty(failures);
    }

    private static async Task<HttpStatusCode> CallAsync(HttpClient client, string endpoint)
    {
        var (verb, template) = (endpoint[..endpoint.IndexOf(' ', StringComparison.Ordinal)], endpoint[(endpoint.IndexOf(' ', StringComparison.Ordinal) + 1)..]);
        var path = RouteParameter().Replace(template, m => m.Groups[1].Value switch
        {
            "documentName" => "v1",
            _ when m.Value.Contains(":long", StringComparison.Ordinal) => "1",
            _ => "x",
        });
        using var request = new HttpRequestMessage(verb == "POST" ? HttpMethod.Post : HttpMethod.Get, path);
        if (verb == "POST") request.Content = HttpAssertions.Json("[]");
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    private HttpClient NoRedirects(string? token)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };
        if (token is not null) client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private async Task<HttpClient> SignedInConsoleAsync(long platformId)
    {
        var email = $"m{Guid.NewGuid().ToString("N")[..12]}@example.org";
        await app.WithDbAsync(db => CreateUser.RunAsync(db, app.Clock, "test", email, Roles.Auditor, platformId, null, "matrix password 1", default));
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = app.BaseAddress };
        var signIn = await ConsoleForms.SignInAsync(client, email, "matrix password 1");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return client;
    }

    [GeneratedRegex(@"\{([A-Za-z]+)(:[a-z]+)?\}")]
    private static partial Regex RouteParameter();
}

public sealed class AuthorizationMatrixTests_Sqlite(SqliteApp app) : AuthorizationMatrixTests(app), IClassFixture<SqliteApp>;

public sealed class AuthorizationMatrixTests_Postgres(PostgresApp app) : AuthorizationMatrixTests(app), IClassFixture<PostgresApp>;
