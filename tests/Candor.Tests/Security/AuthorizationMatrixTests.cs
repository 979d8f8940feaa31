using System.Net;
using System.Text.RegularExpressions;
using Candor.Features.Identity;
using Candor.Features.Tokens;
using Candor.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Candor.Tests.Security;

/// <summary>Who may reach an endpoint or page. Every endpoint and page of the app must have one.</summary>
public enum Access
{
    Public,
    IngestToken,
    /// <summary>Anyone signed in to the console, whatever their role.</summary>
    ConsoleUser,
    /// <summary>A token with the decisions:write scope.</summary>
    DecisionsWriteToken,
    /// <summary>A token with decisions:write or read:private.</summary>
    DecisionsReadToken,
    /// <summary>A token with the read:private scope (stored evaluations, shadow reports).</summary>
    ReadPrivateToken,
    /// <summary>An API token with the <c>screen</c> scope.</summary>
    ScreenToken,
    /// <summary>A console user with a staff role (any but advertiser).</summary>
    StaffConsoleUser,
    /// <summary>The administration start page: an admin or auditor of some platform, or a super-admin.</summary>
    AdminArea,
    /// <summary>A page about the platform in its route: that platform's admin or a super-admin; its auditor reads (GET) it, and every POST refuses the auditor (AdminConsoleTests).</summary>
    PlatformAdmin,
    /// <summary>The audit trail: an admin or auditor (of the platforms asked for), or a super-admin.</summary>
    AuditReader,
    /// <summary>The decision console, reading: a reviewer, senior reviewer, admin or auditor of the platform.</summary>
    DecisionReader,
    /// <summary>The decision console, writing: a reviewer, senior reviewer or admin of the platform; an auditor only reads.</summary>
    DecisionWriter,
    /// <summary>Publishing policies: a policy editor or admin of a platform, or a super-admin (the installation's catalogue).</summary>
    PolicyPublisher,
    /// <summary>A token with the <c>screen</c> or <c>read:private</c> scope: reading screening findings.</summary>
    FindingsReadToken,
    /// <summary>The screening findings pages: a reviewer, senior reviewer, auditor or admin of the platform (only reviewers decide).</summary>
    FindingReader,
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
        ["GET /api/v1/ads/{id}/evaluations"] = Access.ReadPrivateToken,
        ["GET /api/v1/advertisers/{id}/evaluations"] = Access.ReadPrivateToken,
        ["GET /api/v1/evaluations/shadow-report"] = Access.ReadPrivateToken,
        ["GET /api/v1/public/ads"] = Access.Public,
        ["GET /api/v1/public/ads/{id:long}"] = Access.Public,
        ["POST /api/v1/statement"] = Access.DecisionsWriteToken,
        ["POST /api/v1/statements"] = Access.DecisionsWriteToken,
        ["GET /api/v1/statement/{uuid}"] = Access.DecisionsReadToken,
        ["GET /api/v1/statement/existing-puid/{puid}"] = Access.DecisionsReadToken,
        ["POST /api/v1/decisions"] = Access.DecisionsWriteToken,
        ["GET /api/v1/decisions"] = Access.DecisionsReadToken,
        ["GET /api/v1/decisions/{uuid:guid}"] = Access.DecisionsReadToken,
        ["POST /api/v1/decisions/{uuid:guid}/issue"] = Access.DecisionsWriteToken,
        ["POST /api/v1/decisions/{uuid:guid}/amend"] = Access.DecisionsWriteToken,
        ["POST /api/v1/decisions/{uuid:guid}/reverse"] = Access.DecisionsWriteToken,
        // Anyone with the link's token; without it the page is a 404, never a sign-in.
        ["PAGE /notices/{uuid:guid}"] = Access.Public,
        ["GET /api/v1/public/decisions"] = Access.Public,
        ["GET /api/v1/public/decisions/{uuid:guid}"] = Access.Public,
        ["GET /api/v1/decisions/{uuid:guid}/export"] = Access.DecisionsReadToken,
        ["GET /decisions/dumps/{file}"] = Access.Public,
        ["PAGE /decisions"] = Access.Public,
        ["PAGE /decisions/{uuid:guid}"] = Access.Public,
        ["PAGE /decisions/dumps"] = Access.Public,
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
        // Starts the OpenID Connect sign-in (404 when no provider is configured) and the page after the provider's callback.
        ["GET /console/sign-in/oidc"] = Access.Public,
        ["GET /console/sign-in/oidc/continue"] = Access.Public,
        ["PAGE /console/set-password"] = Access.Public,
        ["PAGE /console"] = Access.ConsoleUser,
        ["PAGE /console/sign-out"] = Access.ConsoleUser,
        ["POST /api/v1/screen"] = Access.ScreenToken,
        ["PAGE /console/screening"] = Access.StaffConsoleUser,
        ["GET /api/v1/screening/findings"] = Access.FindingsReadToken,
        ["GET /api/v1/screening/findings/{id:long}"] = Access.FindingsReadToken,
        ["POST /api/v1/screening/findings/{id:long}/clear"] = Access.ScreenToken,
        ["POST /api/v1/screening/findings/{id:long}/confirm"] = Access.ScreenToken,
        ["PAGE /console/screening/findings"] = Access.FindingReader,
        ["PAGE /console/screening/findings/{id:long}"] = Access.FindingReader,
        ["PAGE /console/admin"] = Access.AdminArea,
        ["PAGE /console/admin/audit"] = Access.AuditReader,
        ["PAGE /console/admin/{platformId:long}/users"] = Access.PlatformAdmin,
        ["PAGE /console/admin/{platformId:long}/users/{userId:long}"] = Access.PlatformAdmin,
        ["PAGE /console/admin/{platformId:long}/tokens"] = Access.PlatformAdmin,
        ["PAGE /console/decisions"] = Access.DecisionReader,
        ["PAGE /console/decisions/{uuid:guid}"] = Access.DecisionReader,
        ["PAGE /console/decisions/new"] = Access.DecisionWriter,
        ["PAGE /console/review"] = Access.DecisionReader,
        ["PAGE /console/review/{id:long}"] = Access.DecisionReader,
        ["GET /api/v1/review-items"] = Access.ReadPrivateToken,
        ["GET /api/v1/review-items/{id:long}"] = Access.ReadPrivateToken,
        ["PAGE /console/policies/import"] = Access.PolicyPublisher,
    };

    /// <summary>The console roles, each signed in on platform A (super-admin for the instance).</summary>
    private static readonly string[] ConsoleRoles =
        [Roles.Admin, Roles.PolicyEditor, Roles.Reviewer, Roles.SeniorReviewer, Roles.Auditor, Roles.Advertiser, Roles.SuperAdmin];

    private static bool Allowed(Access access, string caller) => access switch
    {
        Access.Public => true,
        Access.IngestToken => caller == "ingest token",
        Access.ConsoleUser => ConsoleRoles.Contains(caller),
        Access.AdminArea or Access.AuditReader => caller is Roles.Admin or Roles.Auditor or Roles.SuperAdmin,
        Access.PlatformAdmin => caller is Roles.Admin or Roles.Auditor or Roles.SuperAdmin,
        Access.ScreenToken => caller == "screen token",
        Access.ReadPrivateToken => caller == "read-only token",
        Access.StaffConsoleUser => ConsoleRoles.Contains(caller) && caller != Roles.Advertiser,
        Access.DecisionReader => caller is Roles.Reviewer or Roles.SeniorReviewer or Roles.Admin or Roles.Auditor,
        Access.DecisionWriter => caller is Roles.Reviewer or Roles.SeniorReviewer or Roles.Admin,
        Access.DecisionsWriteToken => caller == "decisions token",
        Access.DecisionsReadToken => caller is "decisions token" or "read-only token",
        Access.PolicyPublisher => caller is Roles.PolicyEditor or Roles.Admin or Roles.SuperAdmin,
        Access.FindingsReadToken => caller is "screen token" or "read-only token",
        Access.FindingReader => caller is Roles.Reviewer or Roles.SeniorReviewer or Roles.Auditor or Roles.Admin,
        _ => false,
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
        var (a, callers, ids) = await CallersAsync();
        var failures = new List<string>();
        foreach (var (endpoint, access) in Table)
        {
            foreach (var (caller, client) in callers)
            {
                var status = await CallAsync(client, endpoint, ids);
                var allowed = Allowed(access, caller);
                var denied = status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                    || (status == HttpStatusCode.Redirect && access is not (Access.Public or Access.IngestToken));
                if ((int)status >= 500) failures.Add($"{endpoint} as {caller}: {(int)status}, a server error");
                else if (allowed == denied) failures.Add($"{endpoint} as {caller}: {(int)status}, expected {(allowed ? "allowed" : "denied")}");
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public async Task An_admin_of_platform_A_reaches_nothing_of_platform_B_and_a_super_admin_does()
    {
        var (a, callers, idsOfA) = await CallersAsync();
        var b = await app.CreatePlatformAsync("Platform B");
        var userOfB = await app.SignedInAsync(Roles.Reviewer, b.Id);
        var idsOfB = new Dictionary<string, string> { ["platformId"] = Text(b.Id), ["userId"] = Text(userOfB.Id) };
        var failures = new List<string>();
        foreach (var (endpoint, access) in Table.Where(e => e.Value == Access.PlatformAdmin))
        {
            foreach (var caller in ConsoleRoles)
            {
                var status = await CallAsync(callers[caller], endpoint, idsOfB);
                var expected = caller == Roles.SuperAdmin ? "allowed" : "denied";
                if ((status == HttpStatusCode.OK) != (expected == "allowed")) failures.Add($"{endpoint} of B as {caller} of A: {(int)status}, expected {expected}");
            }
            // A's own platform in the path, B's person in it: not found.
            if (endpoint.Contains("{userId", StringComparison.Ordinal))
            {
                var mixed = new Dictionary<string, string>(idsOfA) { ["userId"] = Text(userOfB.Id) };
                var status = await CallAsync(callers[Roles.Admin], endpoint, mixed);
                if (status != HttpStatusCode.NotFound) failures.Add($"{endpoint} of A with B's user as admin of A: {(int)status}, expected 404");
            }
        }
        var auditOfB = await callers[Roles.Auditor].GetAsync($"/console/admin/audit?platform={b.Id}");
        if (auditOfB.StatusCode != HttpStatusCode.Forbidden) failures.Add($"audit of B as auditor of A: {(int)auditOfB.StatusCode}");
        var antiforgery = await ConsoleForms.AntiforgeryTokenAsync(callers[Roles.Admin], $"/console/admin/{a.Id}/tokens");
        var revoke = await callers[Roles.Admin].PostAsync($"/console/admin/{b.Id}/tokens?handler=revoke", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["tokenId"] = Text(b.TokenId), ["__RequestVerificationToken"] = antiforgery }));
        if (revoke.StatusCode != HttpStatusCode.Forbidden) failures.Add($"revoking B's token as admin of A: {(int)revoke.StatusCode}");
        if ((await b.Client.GetAsync("/api/v1/ads/none")).StatusCode != HttpStatusCode.NotFound) failures.Add("B's token stopped working");

        Assert.Empty(failures);
    }

    private static string Text(long id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Platform A with an advertiser; one client per kind of caller; the ids that fill A's route parameters.</summary>
    private async Task<(TestPlatform A, Dictionary<string, HttpClient> Callers, Dictionary<string, string> Ids)> CallersAsync()
    {
        var a = await app.CreatePlatformAsync("Platform A");
        var readOnly = await app.WithDbAsync(db => CreateToken.RunAsync(db, app.Clock, a.Id, "ro", null, default, "read:private"));
        var decisions = await app.WithDbAsync(db => CreateToken.RunAsync(db, app.Clock, a.Id, "tdb", null, default, CreateToken.DecisionsWriteScope));
        var screen = await app.WithDbAsync(db => CreateToken.RunAsync(db, app.Clock, a.Id, "screen", null, default, "screen"));
        (await a.Client.PostAsync("/api/v1/advertisers", HttpAssertions.Json("""[{"id":"adv-a","legal_name":"A Advertiser GmbH","country":"DE"}]"""))).EnsureSuccessStatusCode();
        var advertiserId = await app.WithDbAsync(db => db.Advertisers.Where(x => x.PlatformId == a.Id).Select(x => x.Id).SingleAsync());
        var callers = new Dictionary<string, HttpClient>
        {
            ["anonymous"] = NoRedirects(null),
            ["ingest token"] = NoRedirects(a.Token),
            ["read-only token"] = NoRedirects(readOnly.Token),
            ["decisions token"] = NoRedirects(decisions.Token),
            ["screen token"] = NoRedirects(screen.Token),
        };
        long reviewerId = 0;
        foreach (var role in ConsoleRoles)
        {
            var person = await app.SignedInAsync(role, role == Roles.SuperAdmin ? null : a.Id, role == Roles.Advertiser ? advertiserId : null);
            callers[role] = person.Browser;
            if (role == Roles.Reviewer) reviewerId = person.Id;
        }
        return (a, callers, new Dictionary<string, string> { ["platformId"] = Text(a.Id), ["userId"] = Text(reviewerId) });
    }

    private static async Task<HttpStatusCode> CallAsync(HttpClient client, string endpoint, Dictionary<string, string> ids)
    {
        var (verb, template) = (endpoint[..endpoint.IndexOf(' ', StringComparison.Ordinal)], endpoint[(endpoint.IndexOf(' ', StringComparison.Ordinal) + 1)..]);
        var path = RouteParameter().Replace(template, m => m.Groups[1].Value switch
        {
            "documentName" => "v1",
            var name when ids.TryGetValue(name, out var id) => id,
            _ when m.Value.Contains(":guid", StringComparison.Ordinal) => "0190a0a0-0000-7000-8000-000000000001",
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

    [GeneratedRegex(@"\{([A-Za-z]+)(:[a-z]+)?\}")]
    private static partial Regex RouteParameter();
}

public sealed class AuthorizationMatrixTests_Sqlite(SqliteApp app) : AuthorizationMatrixTests(app), IClassFixture<SqliteApp>;

public sealed class AuthorizationMatrixTests_Postgres(PostgresApp app) : AuthorizationMatrixTests(app), IClassFixture<PostgresApp>;
