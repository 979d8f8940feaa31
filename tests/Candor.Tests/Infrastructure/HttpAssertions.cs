using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Candor.Tests.Infrastructure;

public static class HttpAssertions
{
    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static StringContent Json(object value) =>
        new(JsonSerializer.Serialize(value, Candor.Infrastructure.CandorJson.Output), Encoding.UTF8, "application/json");

    public static async Task<JsonNode> ReadJsonAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected} {expected}, got {(int)response.StatusCode} {response.StatusCode}: {body}");
        return JsonNode.Parse(body)!;
    }

    /// <summary>An RFC 9457 problem: the status, the media type, and the error keys it names.</summary>
    public static async Task<JsonNode> ReadProblemAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var problem = await response.ReadJsonAsync(expected);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)expected, problem["status"]!.GetValue<int>());
        return problem;
    }

    public static IReadOnlyList<string> ErrorKeys(this JsonNode problem) =>
        problem["errors"]?.AsObject().Select(e => e.Key).ToList() ?? [];

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object value) =>
        client.PostAsync(url, Json(value));

    public static Task<T?> GetJsonAsync<T>(this HttpClient client, string url) =>
        client.GetFromJsonAsync<T>(url, Candor.Infrastructure.CandorJson.Output);
}
