using System.Net;
using Candor.Features.Screening;
using Candor.Features.Tokens;
using Candor.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Candor.Tests.Screening.Storage;

/// <summary>POST /api/v1/screen over a real host and database: the JSON the issue names, scopes, and problem details for bad input.</summary>
public abstract class ScreeningApiTests(AppFixture app)
{
    private async Task<(HttpClient Client, string Slug)> ScreenClientWithListAsync()
    {
        var platform = await app.CreatePlatformAsync();
        var token = await app.WithDbAsync(db => CreateToken.RunAsync(db, app.Clock, platform.Id, "screen", null, default, "screen"));
        var slug = ScreeningLists.NewSlug();
        await ScreeningLists.ImportAsync(app, ScreeningLists.Custom(ScreeningLists.KasperskyRow, ScreeningLists.HuaweiRow), slug);
        await app.Services.GetRequiredService<ScreeningIndexHolder>().RefreshAsync(default);
        return (app.WithToken(token.Token), slug);
    }

    [Fact]
    public async Task A_match_carries_list_id_names_score_and_explanation()
    {
        var (client, slug) = await ScreenClientWithListAsync();

        var response = await client.PostJsonAsync("/api/v1/screen", new { name = "Kaspersky Lab JSC", country = "RU", type = "organization" });

        var matches = (await response.ReadJsonAsync(HttpStatusCode.OK)).AsArray();
        var match = matches.Single(m => m!["list"]!.GetValue<string>() == slug)!;
        Assert.Equal("bod-17-01", match["source_id"]!.GetValue<string>());
        Assert.Equal("AO Kaspersky Lab", match["name"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(match["matched_name"]!.GetValue<string>()));
        Assert.InRange(match["score"]!.GetValue<double>(), 0.85, 1.0);
        Assert.True(match["snapshot_id"]!.GetValue<long>() > 0);
        var explanation = match["explanation"]!;
        Assert.Contains(explanation["tokens"]!.AsArray(), t => t!["query"]!.GetValue<string>() == "kaspersky" && t["how"]!.GetValue<string>() == "exact");
        Assert.Contains("jsc", explanation["legal_forms"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotEmpty(explanation["corroborations"]!.AsArray());
    }

    [Fact]
    public async Task An_ordinary_name_matches_nothing_at_the_default_threshold()
    {
        var (client, slug) = await ScreenClientWithListAsync();

        var matches = (await (await client.PostJsonAsync("/api/v1/screen", new { name = "Acme Trading LLC" })).ReadJsonAsync(HttpStatusCode.OK)).AsArray();

        Assert.DoesNotContain(matches, m => m!["list"]!.GetValue<string>() == slug);
    }

    [Theory]
    [InlineData("""{"name":""}""", "name")]
    [InlineData("""{"name":"   "}""", "name")]
    [InlineData("""{"name":"Acme\u0007Corp"}""", "name")]
    [InlineData("""{"name":"😀🎉"}""", "name")]
    [InlineData("""{"name":"Acme","type":"robot"}""", "type")]
    [InlineData("""{"name":"Acme","min_score":1.5}""", "min_score")]
    [InlineData("""{"name":"Acme","date_of_birth":"21 Feb"}""", "date_of_birth")]
    [InlineData("""{"name":"Acme","limit":0}""", "limit")]
    public async Task Bad_input_is_a_problem_naming_the_field(string body, string field)
    {
        var (client, _) = await ScreenClientWithListAsync();

        var problem = await (await client.PostAsync("/api/v1/screen", HttpAssertions.Json(body))).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal([field], problem.ErrorKeys());
    }

    [Fact]
    public async Task A_10_kb_name_is_refused_with_the_limit()
    {
        var (client, _) = await ScreenClientWithListAsync();

        var problem = await (await client.PostJsonAsync("/api/v1/screen", new { name = new string('a', 10_240) })).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("1,000", problem["errors"]!["name"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem()
    {
        var (client, _) = await ScreenClientWithListAsync();

        var response = await client.PostAsync("/api/v1/screen", HttpAssertions.Json("{\"name\":"));

        await response.ReadProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_ingest_token_without_the_screen_scope_is_forbidden()
    {
        var platform = await app.CreatePlatformAsync();

        var response = await platform.Client.PostJsonAsync("/api/v1/screen", new { name = "Kaspersky" });

        await response.ReadProblemAsync(HttpStatusCode.Forbidden);
    }
}

public sealed class ScreeningApiTests_Sqlite(SqliteApp app) : ScreeningApiTests(app), IClassFixture<SqliteApp>;

public sealed class ScreeningApiTests_Postgres(PostgresApp app) : ScreeningApiTests(app), IClassFixture<PostgresApp>;
