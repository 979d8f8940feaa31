using System.Net;
using System.Text.Json.Nodes;
using Candor.Features.Decisions;
using Candor.Features.Tokens;
using Candor.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Candor.Tests.Decisions.TdbSamples;

namespace Candor.Tests.Decisions;

/// <summary>The TDB-compatible statement API through the real pipeline: shapes, rules, puids, tokens, isolation.</summary>
public abstract class TdbStatementApiTests(AppFixture app)
{
    private async Task<(TestPlatform Platform, HttpClient Writer)> PlatformAsync(string name = "Example Social")
    {
        var platform = await app.CreatePlatformAsync(name);
        var token = await app.WithDbAsync(db => CreateToken.RunAsync(db, app.Clock, platform.Id, "tdb", null, default, CreateToken.DecisionsWriteScope));
        return (platform, app.WithToken(token.Token));
    }

    private Task<int> StoredCountAsync(long platformId) => app.WithDbAsync(db => db.Decisions.CountAsync(d => d.PlatformId == platformId));

    private static JsonObject Batch(params JsonObject[] statements) => new() { ["statements"] = new JsonArray(statements) };

    [Fact]
    public async Task A_single_statement_is_stored_and_answered_as_the_TDB_does()
    {
        var (platform, writer) = await PlatformAsync();
        var sent = Statement().With("content_type", new JsonArray("CONTENT_TYPE_TEXT", "CONTENT_TYPE_IMAGE", "CONTENT_TYPE_TEXT")).With("unknown_field", "dropped");

        var now = app.Clock.GetUtcNow();
        var answer = await (await writer.PostAsync("/api/v1/statement", HttpAssertions.Json(sent.ToJsonString()))).ReadJsonAsync(HttpStatusCode.Created);

        Assert.Equal(new JsonArray("CONTENT_TYPE_IMAGE", "CONTENT_TYPE_TEXT").ToJsonString(), answer["content_type"]!.ToJsonString());
        Assert.Equal("puid-1", answer["puid"]!.GetValue<string>());
        Assert.True(answer["id"]!.GetValue<long>() > 0);
        Assert.Equal("2026-11-01", answer["application_date"]!.GetValue<string>());
        Assert.Equal(now.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), answer["created_at"]!.GetValue<string>());
        Assert.Equal("Example Social", answer["platform_name"]!.GetValue<string>());
        Assert.Equal("Yes", answer["automated_detection"]!.GetValue<string>());
        Assert.Null(answer["unknown_field"]);
        var uuid = answer["uuid"]!.GetValue<Guid>();
        Assert.EndsWith($"/api/v1/statement/{uuid}", answer["self"]!.GetValue<string>(), StringComparison.Ordinal);
        var stored = await app.WithDbAsync(db => db.Decisions.AsNoTracking().SingleAsync(d => d.Uuid == uuid));
        Assert.Equal((platform.Id, DecisionOrigins.TdbApi, DecisionMethods.Api, DecisionStatuses.Issued), (stored.PlatformId, stored.Origin, stored.Method, stored.Status));
        var events = await app.WithDbAsync(db => db.DecisionEvents.AsNoTracking().Where(e => e.DecisionId == stored.Id).ToListAsync());
        Assert.Equal(DecisionEventKinds.Issued, Assert.Single(events).Kind);
    }

    [Fact]
    public async Task Reading_a_statement_hides_id_and_puid_and_another_platform_gets_404()
    {
        var (_, writer) = await PlatformAsync();
        var (_, other) = await PlatformAsync("Other");
        var created = await (await writer.PostJsonAsync("/api/v1/statement", Statement())).ReadJsonAsync(HttpStatusCode.Created);
        var self = new Uri(created["self"]!.GetValue<string>()).PathAndQuery;

        var read = await (await writer.GetAsync(self)).ReadJsonAsync(HttpStatusCode.OK);
        var foreign = await (await other.GetAsync(self)).ReadJsonAsync(HttpStatusCode.NotFound);

        Assert.Null(read["id"]);
        Assert.Null(read["puid"]);
        Assert.Equal(created["uuid"]!.GetValue<string>(), read["uuid"]!.GetValue<string>());
        Assert.Equal("statement of reason not found", foreign["message"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await writer.GetAsync("/api/v1/statement/not-a-uuid")).StatusCode);
    }

    [Fact]
    public async Task Existing_puid_answers_302_with_a_body_for_the_own_platform_and_404_otherwise()
    {
        var (_, writer) = await PlatformAsync();
        var (_, other) = await PlatformAsync("Other");
        (await writer.PostJsonAsync("/api/v1/statement", Statement("known-1"))).EnsureSuccessStatusCode();

        var found = await (await writer.GetAsync("/api/v1/statement/existing-puid/known-1")).ReadJsonAsync(HttpStatusCode.Found);
        var missing = await (await writer.GetAsync("/api/v1/statement/existing-puid/unknown-1")).ReadJsonAsync(HttpStatusCode.NotFound);

        Assert.Equal("statement of reason found", found["message"]!.GetValue<string>());
        Assert.Equal("known-1", found["puid"]!.GetValue<string>());
        Assert.Equal("statement of reason not found", missing["message"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync("/api/v1/statement/existing-puid/known-1")).StatusCode);
    }

    [Fact]
    public async Task A_reused_puid_is_refused_forever_with_the_existing_puid_and_nothing_new_is_stored()
    {
        var (platform, writer) = await PlatformAsync();
        var (_, other) = await PlatformAsync("Other");
        (await writer.PostJsonAsync("/api/v1/statement", Statement("p-1"))).EnsureSuccessStatusCode();
        app.Clock.Advance(TimeSpan.FromDays(400));

        var again = await (await writer.PostJsonAsync("/api/v1/statement", Statement("p-1").With("decision_facts", "different"))).ReadJsonAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("The identifier given is not unique within this platform.", again["message"]!.GetValue<string>());
        Assert.Equal("The identifier given is not unique within this platform.", again["errors"]!["puid"]![0]!.GetValue<string>());
        Assert.Equal("p-1", again["existing"]!["puid"]!.GetValue<string>());
        Assert.Equal(1, await StoredCountAsync(platform.Id));
        // Uniqueness is per platform: another platform may use the same puid.
        Assert.Equal(HttpStatusCode.Created, (await other.PostJsonAsync("/api/v1/statement", Statement("p-1"))).StatusCode);
    }

    [Fact]
    public async Task Field_errors_come_before_the_puid_check()
    {
        var (_, writer) = await PlatformAsync();
        (await writer.PostJsonAsync("/api/v1/statement", Statement("p-1"))).EnsureSuccessStatusCode();

        var answer = await (await writer.PostJsonAsync("/api/v1/statement", Statement("p-1").Without("category"))).ReadJsonAsync(HttpStatusCode.UnprocessableEntity);
        var batch = await (await writer.PostJsonAsync("/api/v1/statements", Batch(Statement("p-1").Without("category")))).ReadJsonAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal(["category"], answer["errors"]!.AsObject().Select(e => e.Key));
        Assert.Null(answer["existing"]);
        Assert.NotNull(batch["errors"]!["statement_0"]!["category"]);
    }

    public static TheoryData<string, string?, string, string> Rules => new()
    {
        // field, JSON value (null = remove the field), error key, message
        { "decision_ground", null, "decision_ground", "The decision ground field is required." },
        { "decision_visibility", "[]", "decision_monetary", "The decision monetary field is required when none of decision visibility / decision provision / decision account are present." },
        { "category", "\"STATEMENT_CATEGORY_PORNOGRAPHY_OR_SEXUALIZED_CONTENT\"", "category", "The selected category is invalid." },
        { "category_specification", "[\"KEYWORD_ONLINE_BULLYING_INTIMIDATION\"]", "category_specification", "The selected category specification is invalid." },
        { "content_type", "\"CONTENT_TYPE_TEXT\"", "content_type", "The content type field must be an array." },
        { "category_addition", "null", "category_addition", "The category addition field must be an array." },
        { "territorial_scope", "[\"EL\"]", "territorial_scope", "The selected territorial scope is invalid." },
        { "automated_detection", "true", "automated_detection", "The selected automated detection is invalid." },
        { "content_date", "\"2023-02-30\"", "content_date", "The content date does not match the format YYYY-MM-DD." },
        { "application_date", "\"2019-12-31\"", "application_date", "The application date field must be a date after or equal to 2020-01-01." },
        { "end_date_service_restriction", "\"2038-01-02\"", "end_date_service_restriction", "The end date service restriction field must be a date before or equal to 2038-01-01." },
        { "decision_facts", "\"" + string.Concat(Enumerable.Repeat("é", 5001)) + "\"", "decision_facts", "The decision facts field must not be greater than 5000 characters." },
        { "incompatible_content_explanation", "\"" + string.Concat(Enumerable.Repeat("ü", 2001)) + "\"", "incompatible_content_explanation", "The incompatible content explanation field must not be greater than 2000 characters." },
        { "incompatible_content_illegal", "null", "incompatible_content_illegal", "The selected incompatible content illegal is invalid." },
        { "decision_visibility", "[\"DECISION_VISIBILITY_OTHER\"]", "decision_visibility_other", "The decision visibility other field is required." },
        { "decision_monetary", "\"DECISION_MONETARY_OTHER\"", "decision_monetary_other", "The decision monetary other field is required when decision monetary is other." },
        { "content_type", "[\"CONTENT_TYPE_OTHER\"]", "content_type_other", "The content type other field is required." },
        { "decision_ground", "\"DECISION_GROUND_ILLEGAL_CONTENT\"", "illegal_content_legal_ground", "The illegal content legal ground field is required when decision ground is illegal content." },
        { "puid", "\"has space\"", "puid", "The puid field format is invalid." },
        { "content_id", "{\"EAN-13\":\"123\"}", "content_id.EAN-13", "The content id. e a n-13 field must be 13 digits." },
        { "decision_ground_reference_url", "\"nope\"", "decision_ground_reference_url", "The decision ground reference url field must be a valid URL." },
        { "content_language", "\"en\"", "content_language", "The selected content language is invalid." },
        { "source_type", "\"SOURCE_OTHER\"", "source_type", "The selected source type is invalid." },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public async Task Each_rule_answers_as_the_TDB_on_both_endpoints_and_stores_nothing(string field, string? json, string key, string message)
    {
        var (platform, writer) = await PlatformAsync();
        JsonObject Broken() => json is null ? Statement().Without(field) : Statement().With(field, JsonNode.Parse(json));

        var single = await (await writer.PostAsync("/api/v1/statement", HttpAssertions.Json(Broken().ToJsonString()))).ReadJsonAsync(HttpStatusCode.UnprocessableEntity);
        var batch = await (await writer.PostAsync("/api/v1/statements", HttpAssertions.Json(Batch(Statement("ok-1"), Broken()).ToJsonString())))
            .ReadJsonAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Contains(message, single["errors"]![key]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.StartsWith(single["errors"]!.AsObject().First().Value![0]!.GetValue<string>(), single["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(batch["message"]);
        Assert.Equal(["statement_1"], batch["errors"]!.AsObject().Select(e => e.Key));
        Assert.Contains(message, batch["errors"]!["statement_1"]![key]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Equal(0, await StoredCountAsync(platform.Id));
    }

    [Fact]
    public async Task A_batch_is_stored_whole_and_echoes_each_statement_without_id()
    {
        var (platform, writer) = await PlatformAsync();
        var first = Statement("b-1").With("content_type", new JsonArray("CONTENT_TYPE_TEXT", "CONTENT_TYPE_IMAGE", "CONTENT_TYPE_TEXT"))
            .With("category_addition", new JsonArray("STATEMENT_CATEGORY_SCAMS_AND_FRAUD"));
        var second = Statement("b-2").With("content_id", new JsonObject { ["EAN-13"] = "4006381333931" });

        var answer = await (await writer.PostJsonAsync("/api/v1/statements", Batch(first, second))).ReadJsonAsync(HttpStatusCode.Created);

        var items = answer["statements"]!.AsArray();
        Assert.Equal(["b-1", "b-2"], items.Select(i => i!["puid"]!.GetValue<string>()));
        Assert.All(items, i => Assert.Null(i!["id"]));
        Assert.Equal(3, items[0]!["content_type"]!.AsArray().Count);
        Assert.Equal("STATEMENT_CATEGORY_SCAMS_AND_FRAUD", items[0]!["category_addition"]![0]!.GetValue<string>());
        Assert.Equal("4006381333931", items[1]!["content_id_ean"]!.GetValue<string>());
        Assert.Null(items[1]!["content_id"]);
        Assert.Equal(2, await StoredCountAsync(platform.Id));
        var methods = await app.WithDbAsync(db => db.Decisions.Where(d => d.PlatformId == platform.Id).Select(d => d.Method).Distinct().ToListAsync());
        Assert.Equal([DecisionMethods.ApiMulti], methods);
    }

    [Fact]
    public async Task A_batch_repeating_a_puid_or_reusing_an_earlier_one_is_refused_whole_naming_the_puids()
    {
        var (platform, writer) = await PlatformAsync();
        (await writer.PostJsonAsync("/api/v1/statements", Batch(Statement("old-1"), Statement("old-2")))).EnsureSuccessStatusCode();

        var repeated = await (await writer.PostJsonAsync("/api/v1/statements", Batch(Statement("n-1"), Statement("n-2"), Statement("n-1"))))
            .ReadJsonAsync(HttpStatusCode.UnprocessableEntity);
        var reused = await (await writer.PostJsonAsync("/api/v1/statements", Batch(Statement("n-3"), Statement("old-2"), Statement("n-4"), Statement("old-1"))))
            .ReadJsonAsync(HttpStatusCode.UnprocessableEntity);

        const string Message = "The platform identifier(s) are not all unique within this call.";
        Assert.Equal(Message, repeated["message"]!.GetValue<string>());
        Assert.Equal(Message, repeated["errors"]!["puid"]![0]!.GetValue<string>());
        Assert.Equal(["n-1"], repeated["errors"]!["existing_puids"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.Equal(["old-2", "old-1"], reused["errors"]!["existing_puids"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.Equal(2, await StoredCountAsync(platform.Id));
        Assert.Equal(HttpStatusCode.NotFound, (await writer.GetAsync("/api/v1/statement/existing-puid/n-3")).StatusCode);
    }

    [Fact]
    public async Task The_statements_field_must_hold_1_to_100_statements()
    {
        var (platform, writer) = await PlatformAsync();

        var tooMany = await (await writer.PostJsonAsync("/api/v1/statements", Batch(Enumerable.Range(0, 101).Select(i => Statement($"m-{i}")).ToArray())))
            .ReadJsonAsync(HttpStatusCode.UnprocessableEntity);
        var none = await (await writer.PostJsonAsync("/api/v1/statements", Batch())).ReadJsonAsync(HttpStatusCode.UnprocessableEntity);
        var notArray = await (await writer.PostAsync("/api/v1/statements", HttpAssertions.Json("{\"statements\":\"x\"}"))).ReadJsonAsync(HttpStatusCode.UnprocessableEntity);
        var missing = await (await writer.PostAsync("/api/v1/statements", HttpAssertions.Json("[1,2]"))).ReadJsonAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("The statements field must have between 1 and 100 items.", tooMany["message"]!.GetValue<string>());
        Assert.Equal("The statements field is required.", none["errors"]!["statements"]![0]!.GetValue<string>());
        Assert.Equal("The statements field must be an array.", notArray["errors"]!["statements"]![0]!.GetValue<string>());
        Assert.Equal("The statements field is required.", missing["message"]!.GetValue<string>());
        Assert.Equal(0, await StoredCountAsync(platform.Id));
        var hundred = await writer.PostJsonAsync("/api/v1/statements", Batch(Enumerable.Range(0, 100).Select(i => Statement($"h-{i}")).ToArray()));
        Assert.Equal(HttpStatusCode.Created, hundred.StatusCode);
        Assert.Equal(100, await StoredCountAsync(platform.Id));
    }

    [Fact]
    public async Task A_batch_item_that_is_not_an_object_lacks_every_required_field()
    {
        var (_, writer) = await PlatformAsync();

        var answer = await (await writer.PostAsync("/api/v1/statements", HttpAssertions.Json("{\"statements\":[\"x\"]}"))).ReadJsonAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("The puid field is required.", answer["errors"]!["statement_0"]!["puid"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Missing_wrong_and_underscoped_tokens_get_the_TDB_answers()
    {
        var (platform, writer) = await PlatformAsync();
        var readOnly = await app.WithDbAsync(db => CreateToken.RunAsync(db, app.Clock, platform.Id, "ro", null, default, "read:private"));
        var created = await (await writer.PostJsonAsync("/api/v1/statement", Statement())).ReadJsonAsync(HttpStatusCode.Created);
        var self = new Uri(created["self"]!.GetValue<string>()).PathAndQuery;

        var anonymous = await (await app.Anonymous().PostJsonAsync("/api/v1/statement", Statement("a-1"))).ReadJsonAsync(HttpStatusCode.Unauthorized);
        var wrong = await (await app.WithToken("cnd_wrongwrongwrongwrong").PostJsonAsync("/api/v1/statements", Batch(Statement("a-2")))).ReadJsonAsync(HttpStatusCode.Unauthorized);
        var ingestOnly = await (await platform.Client.PostJsonAsync("/api/v1/statement", Statement("a-3"))).ReadJsonAsync(HttpStatusCode.Forbidden);
        var reader = app.WithToken(readOnly.Token);
        var readerWrites = await (await reader.PostJsonAsync("/api/v1/statements", Batch(Statement("a-4")))).ReadJsonAsync(HttpStatusCode.Forbidden);

        Assert.Equal("""{"message":"Unauthenticated."}""", anonymous.ToJsonString());
        Assert.Equal("""{"message":"Unauthenticated."}""", wrong.ToJsonString());
        Assert.Equal("""{"message":"This action is unauthorized."}""", ingestOnly.ToJsonString());
        Assert.Equal("""{"message":"This action is unauthorized."}""", readerWrites.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(self)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await platform.Client.GetAsync(self)).StatusCode);
        Assert.Equal(1, await StoredCountAsync(platform.Id));
    }

    [Fact]
    public async Task Concurrent_calls_with_the_same_puid_store_it_once()
    {
        var (platform, writer) = await PlatformAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => i % 2 == 0
            ? writer.PostJsonAsync("/api/v1/statement", Statement("race-1"))
            : writer.PostJsonAsync("/api/v1/statements", Batch(Statement($"race-other-{i}"), Statement("race-1")))));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.UnprocessableEntity));
        Assert.Equal(1, await app.WithDbAsync(db => db.Decisions.CountAsync(d => d.PlatformId == platform.Id && d.Puid == "race-1")));
    }
}

public sealed class TdbStatementApiTests_Sqlite(SqliteApp app) : TdbStatementApiTests(app), IClassFixture<SqliteApp>;

public sealed class TdbStatementApiTests_Postgres(PostgresApp app) : TdbStatementApiTests(app), IClassFixture<PostgresApp>;
