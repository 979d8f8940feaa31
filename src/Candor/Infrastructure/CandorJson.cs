using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Candor.Infrastructure;

/// <summary>JSON as the API speaks it: snake_case like the EU Transparency Database, enums as strings.</summary>
public static class CandorJson
{
    /// <summary>For reading records a platform sends: unknown fields are an error, so a misspelt field is never silently dropped.</summary>
    public static readonly JsonSerializerOptions Strict = Frozen(Configure(new JsonSerializerOptions(), strict: true));

    /// <summary>For writing answers and stored JSON.</summary>
    public static readonly JsonSerializerOptions Output = Frozen(Configure(new JsonSerializerOptions(), strict: false));

    /// <summary>
    /// Options shared across threads must be read-only before first use: <c>Results.Json</c> fills in a missing
    /// resolver on options that are still writable, and two requests racing there made one of them throw
    /// ("This JsonSerializerOptions instance is read-only") and answer 500 under load.
    /// </summary>
    public static JsonSerializerOptions Frozen(JsonSerializerOptions options)
    {
        options.TypeInfoResolver ??= new DefaultJsonTypeInfoResolver();
        options.MakeReadOnly();
        return options;
    }

    public static JsonSerializerOptions Configure(JsonSerializerOptions options, bool strict)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DictionaryKeyPolicy = null;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.ReadCommentHandling = JsonCommentHandling.Disallow;
        options.AllowTrailingCommas = false;
        options.MaxDepth = 16;
        if (strict) options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        return options;
    }

    /// <summary>A JSON path from System.Text.Json (<c>$[3].reach_total</c>) as Candor names fields (<c>[3].reach_total</c>).</summary>
    public static string FieldKey(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.StartsWith('$') ? path[1..].TrimStart('.') : path;
}
