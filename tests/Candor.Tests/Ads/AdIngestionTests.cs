using System.Net;
using System.Text.Json.Nodes;
using Candor.Tests.Infrastructure;

namespace Candor.Tests.Ads;

public abstract class AdIngestionTests(AppFixture app)
{
    [Fact]
    public async Task Ads_are_created_then_unchanged_then_updated_by_the_platforms_id()
    {
        var platform = await app.CreatePlatformAsync();
        (await platform.Client.PostJsonAsync("/api/v1/advertisers", new[] { SampleRecords.Advertiser("adv-1") })).EnsureSuccessStatusCode();
        var ad = SampleRecords.Ad("ad-1", "adv-1");

        var first = await (await platform.Client.PostJsonAsync("/api/v1/ads", new[] { ad })).ReadJsonAsync(HttpStatusCode.OK);
        var again = await (await platform.Client.PostJsonAsync("/api/v1/ads", new[] { ad })).ReadJsonAsync(HttpStatusCode.OK);
        var changed = await (await platform.Client.PostJsonAsync("/api/v1/ads", new[] { ad.With("title", "New title") })).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal("created", first["results"]![0]!["result"]!.GetValue<string>());
        Assert.Equal("unchanged", again["results"]![0]!["result"]!.GetValue<string>());
        Assert.Equal("updated", changed["results"]![0]!["result"]!.GetValue<string>());
        var stored = await (await platform.Client.GetAsync("/api/v1/ads/ad-1")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("New title", stored["ad"]!["title"]!.GetValue<string>());
        Assert.Equal(1200, stored["ad"]!["reach_by_country"]!["DE"]!.GetValue<long>());
    }

    private static readonly string[] PublicKeysThatDiffer = ["id", "url", "platform_ad_id", "first_reported_at", "last_updated_at"];
    private static readonly string[] Hiking = ["hiking"];

    /// <summary>
    /// Updates and inserts are written by different statements (on PostgreSQL an UPDATE from arrays and a COPY): an ad
    /// updated to a record reads back exactly like an ad created from that record, every field, nulls included, and so do
    /// the columns derived from it (landing domain, search text) in the public view and search.
    /// </summary>
    [Fact]
    public async Task An_updated_ad_reads_back_like_an_ad_created_with_the_same_record()
    {
        var platform = await app.CreatePlatformAsync();
        (await platform.Client.PostJsonAsync("/api/v1/advertisers", new[] { SampleRecords.Advertiser("adv-1"), SampleRecords.Advertiser("adv-2") }))
            .EnsureSuccessStatusCode();
        var word = "u" + Guid.NewGuid().ToString("N")[..10];
        var before = SampleRecords.Ad("ad-updated", "adv-1", $"Rain jacket {word}before")
            .With("media", new[] { new Dictionary<string, string> { ["type"] = "image", ["url"] = "https://cdn.acme.example/1.png" } })
            .With("format", "image").With("product", "Rain jacket").With("subject", "Outdoor clothing")
            .With("impressions_min", 1000).With("impressions_max", 4999).With("spend_min", 100.5m).With("spend_max", 199.99m).With("currency", "EUR")
            .With("commercial_communication", true);
        var after = SampleRecords.Ad("ad-updated", "adv-2", $"Winter boots {word}after")
            .With("body", null).With("landing_url", "https://boots.example.org/winter").With("language", "fr")
            .With("delivery_start", "2026-11-01T08:30:00Z").With("delivery_end", null).With("status", "active")
            .With("beneficiary", "Boots SARL").With("payer", null)
            .With("targeting", new[] { new Dictionary<string, object> { ["category"] = "interest", ["values"] = Hiking, ["mode"] = "excluded" } })
            .With("reach_total", 42).With("reach_by_country", new Dictionary<string, long> { ["FR"] = 42 })
            .With("impressions_min", 5000).With("spend_min", 0.01m).With("currency", "CHF").With("commercial_communication", false);

        (await platform.Client.PostJsonAsync("/api/v1/ads", new[] { before })).EnsureSuccessStatusCode();
        var updated = await (await platform.Client.PostJsonAsync("/api/v1/ads", new[] { after })).ReadJsonAsync(HttpStatusCode.OK);
        var created = await (await platform.Client.PostJsonAsync("/api/v1/ads", new[] { after.With("id", "ad-created") })).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("updated", updated["results"]![0]!["result"]!.GetValue<string>());
        Assert.Equal("created", created["results"]![0]!["result"]!.GetValue<string>());

        var fromUpdate = await (await platform.Client.GetAsync("/api/v1/ads/ad-updated")).ReadJsonAsync(HttpStatusCode.OK);
        var fromInsert = await (await platform.Client.GetAsync("/api/v1/ads/ad-created")).ReadJsonAsync(HttpStatusCode.OK);
        var platformView = fromUpdate["ad"]!.AsObject();
        platformView["id"] = "ad-created";
        Assert.Equal(fromInsert["ad"]!.ToJsonString(), platformView.ToJsonString());
        Assert.Null(platformView["payer"]);
        Assert.Equal("adv-2", platformView["advertiser_id"]!.GetValue<string>());
        Assert.Equal(0.01m, platformView["spend_min"]!.GetValue<decimal>());

        var publicUpdate = (await app.Anonymous().GetJsonAsync<JsonNode>($"/api/v1/public/ads/{fromUpdate["candor_id"]}"))!.AsObject();
        var publicInsert = (await app.Anonymous().GetJsonAsync<JsonNode>($"/api/v1/public/ads/{fromInsert["candor_id"]}"))!.AsObject();
        foreach (var key in PublicKeysThatDiffer)
        {
            Assert.True(publicUpdate.Remove(key) && publicInsert.Remove(key), key);
        }
        Assert.Equal(publicInsert.ToJsonString(), publicUpdate.ToJsonString());
        Assert.Equal("boots.example.org", publicUpdate["landing_domain"]!.GetValue<string>());
        // The search text was rewritten: the new title finds both ads, the old one neither.
        Assert.Equal(2, (await app.Anonymous().GetJsonAsync<JsonNode>($"/api/v1/public/ads?q={word}after"))!["data"]!.AsArray().Count);
        Assert.Empty((await app.Anonymous().GetJsonAsync<JsonNode>($"/api/v1/public/ads?q={word}before"))!["data"]!.AsArray());
    }

    [Fact]
    public async Task A_batch_with_one_invalid_record_stores_nothing_and_names_index_and_field()
    {
        var platform = await app.CreatePlatformAsync();
        (await platform.Client.PostJsonAsync("/api/v1/advertisers", new[] { SampleRecords.Advertiser("adv-1") })).EnsureSuccessStatusCode();
        var batch = new[]
        {
            SampleRecords.Ad("ok-1", "adv-1"),
            SampleRecords.Ad("bad-1", "adv-1").With("language", "xx").With("delivery_end", "2026-09-01T00:00:00Z"),
            SampleRecords.Ad("bad-2", "adv-404"),
        };

        var problem = await (await platform.Client.PostJsonAsync("/api/v1/ads", batch)).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Contains("[1].language", problem.ErrorKeys());
        Assert.Contains("[1].delivery_end", problem.ErrorKeys());
        Assert.Equal(HttpStatusCode.NotFound, (await platform.Client.GetAsync("/api/v1/ads/ok-1")).StatusCode);
    }

    [Fact]
    public async Task An_unknown_advertiser_is_refused_with_its_index()
    {
        var platform = await app.CreatePlatformAsync();

        var problem = await (await platform.Client.PostJsonAsync("/api/v1/ads", new[] { SampleRecords.Ad("a", "nobody") }))
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal(["[0].advertiser_id"], problem.ErrorKeys());
    }

    [Theory]
    [InlineData("[{\"id\": \"a\", ", "[0]")]
    [InlineData("{\"id\": \"a\"}", "body")]
    [InlineData("[{\"id\": \"a\", \"advertiser_id\": \"x\", \"reach_total\": \"many\"}]", "[0].reach_total")]
    [InlineData("[{\"id\": \"a\", \"advertiser_id\": \"x\", \"reach_by_county\": {}}]", "[0].reach_by_county")]
    [InlineData("[{\"id\": \"a\", \"advertiser_id\": \"x\", \"status\": \"paused\"}]", "[0].status")]
    public async Task Malformed_json_and_wrong_types_are_a_400_naming_the_field(string body, string key)
    {
        var platform = await app.CreatePlatformAsync();

        var problem = await (await platform.Client.PostAsync("/api/v1/ads", HttpAssertions.Json(body))).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains(key, problem.ErrorKeys());
    }

    [Fact]
    public async Task More_than_1000_records_are_refused()
    {
        var platform = await app.CreatePlatformAsync();
        var batch = Enumerable.Range(0, 1001).Select(i => SampleRecords.Advertiser($"adv-{i}")).ToArray();

        var problem = await (await platform.Client.PostJsonAsync("/api/v1/advertisers", batch)).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal(["body"], problem.ErrorKeys());
        Assert.Equal(HttpStatusCode.NotFound, (await platform.Client.GetAsync("/api/v1/advertisers/adv-0")).StatusCode);
    }

    [Fact]
    public async Task Over_long_text_is_refused_with_the_limit_in_characters()
    {
        var platform = await app.CreatePlatformAsync();
        (await platform.Client.PostJsonAsync("/api/v1/advertisers", new[] { SampleRecords.Advertiser("adv-1") })).EnsureSuccessStatusCode();
        // 1,000 characters of a 4-byte letter: within the limit in characters although 4,000 bytes long.
        var title = string.Concat(Enumerable.Repeat("𝔸", 1000));

        var ok = await platform.Client.PostJsonAsync("/api/v1/ads", new[] { SampleRecords.Ad("a", "adv-1", title: title[..^2] ) });
        var tooLong = await platform.Client.PostJsonAsync("/api/v1/ads", new[] { SampleRecords.Ad("b", "adv-1", title: new string('x', 1001)) });

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var problem = await tooLong.ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("at most 1000", problem["errors"]!["[0].title"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task A_body_over_the_size_limit_is_a_413()
    {
        var platform = await app.CreatePlatformAsync();
        // Announce a 40 MB body and send only its start: the server must refuse on the announced length.
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(app.BaseAddress.Host, app.BaseAddress.Port);
        var stream = tcp.GetStream();
        var request = $"POST /api/v1/advertisers HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {platform.Token}\r\n" +
                      "Content-Type: application/json\r\nContent-Length: 40000000\r\n\r\n[{\"id\":\"a\"";
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(request));
        var buffer = new byte[4096];
        var read = await stream.ReadAsync(buffer);
        var answer = System.Text.Encoding.UTF8.GetString(buffer, 0, read);

        Assert.StartsWith("HTTP/1.1 413", answer, StringComparison.Ordinal);
        Assert.Contains("application/problem+json", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chunked_body_reads_like_a_sized_one_and_a_short_body_after_a_long_one_reads_only_itself()
    {
        var platform = await app.CreatePlatformAsync();
        var many = Enumerable.Range(0, 300).Select(i => SampleRecords.Advertiser($"adv-{i}", $"Advertiser number {i} with a long legal name GmbH")).ToArray();
        var longBatch = await (await platform.Client.PostJsonAsync("/api/v1/advertisers", many)).ReadJsonAsync(HttpStatusCode.OK);
        // Sized bodies are read into pooled buffers: the next, shorter one may get the same array back, with the long
        // body's bytes after its end. Only its own bytes may be parsed.
        var shortBatch = await (await platform.Client.PostJsonAsync("/api/v1/advertisers", new[] { SampleRecords.Advertiser("adv-short") })).ReadJsonAsync(HttpStatusCode.OK);
        var json = System.Text.Json.JsonSerializer.Serialize(new[] { SampleRecords.Advertiser("adv-chunked") });
        using var chunked = new StreamContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json)));
        chunked.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/advertisers") { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        var viaChunks = await (await platform.Client.SendAsync(request)).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal(300, longBatch["results"]!.AsArray().Count);
        Assert.Equal("adv-short", Assert.Single(shortBatch["results"]!.AsArray())!["id"]!.GetValue<string>());
        Assert.Equal("adv-chunked", Assert.Single(viaChunks["results"]!.AsArray())!["id"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await platform.Client.GetAsync("/api/v1/advertisers/adv-chunked")).StatusCode);
    }

    [Fact]
    public async Task The_same_id_twice_in_one_batch_is_refused()
    {
        var platform = await app.CreatePlatformAsync();

        var problem = await (await platform.Client.PostJsonAsync("/api/v1/advertisers",
            new[] { SampleRecords.Advertiser("dup"), SampleRecords.Advertiser("dup") })).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal(["[1].id"], problem.ErrorKeys());
    }

    [Fact]
    public async Task Invalid_country_codes_are_refused_everywhere_they_appear()
    {
        var platform = await app.CreatePlatformAsync();
        (await platform.Client.PostJsonAsync("/api/v1/advertisers", new[] { SampleRecords.Advertiser("adv-1") })).EnsureSuccessStatusCode();

        var advertiser = await (await platform.Client.PostJsonAsync("/api/v1/advertisers", new[] { SampleRecords.Advertiser("adv-2", country: "Germany") }))
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        var ad = await (await platform.Client.PostJsonAsync("/api/v1/ads",
            new[] { SampleRecords.Ad("a", "adv-1").With("reach_by_country", new Dictionary<string, long> { ["ZZ"] = 3 }) }))
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal(["[0].country"], advertiser.ErrorKeys());
        Assert.Equal(["[0].reach_by_country.ZZ"], ad.ErrorKeys());
    }
}

public sealed class AdIngestionTests_Sqlite(SqliteApp app) : AdIngestionTests(app), IClassFixture<SqliteApp>;

public sealed class AdIngestionTests_Postgres(PostgresApp app) : AdIngestionTests(app), IClassFixture<PostgresApp>;
