using System.Text.Json;

namespace Candor.Features.Decisions.Tdb;

/// <summary>A JSON number kept as its text, as PHP would store it in a text column.</summary>
public sealed record TdbNumber(string Text);

/// <summary>
/// A statement's JSON as the TDB's validator sees it: every string trimmed and <c>""</c> turned into null
/// (Laravel's TrimStrings and ConvertEmptyStringsToNull, which also reach into arrays), duplicate keys
/// last-wins as PHP's json_decode. Values are null, string, bool, <see cref="TdbNumber"/>,
/// <c>List&lt;object?&gt;</c> or <c>Dictionary&lt;string, object?&gt;</c>.
/// </summary>
public static class TdbInput
{
    public static Dictionary<string, object?> Empty() => new(StringComparer.Ordinal);

    /// <summary>An object's fields; anything that is not a JSON object reads as no fields at all, as Laravel reads a body it cannot decode.</summary>
    public static Dictionary<string, object?> ObjectOf(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object ? (Dictionary<string, object?>)ValueOf(element)! : Empty();

    public static object? ValueOf(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => Trim(element.GetString()!),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number => new TdbNumber(element.GetRawText()),
        JsonValueKind.Array => element.EnumerateArray().Select(ValueOf).ToList(),
        JsonValueKind.Object => element.EnumerateObject().Aggregate(Empty(), (fields, p) => { fields[p.Name] = ValueOf(p.Value); return fields; }),
        _ => null,
    };

    /// <summary>Laravel trims white space and the zero-width and byte-order marks; what is left empty is null.</summary>
    public static string? Trim(string value)
    {
        var trimmed = value.Trim().Trim('\uFEFF', '\u200B').Trim();
        return trimmed.Length == 0 ? null : trimmed;
    }
}
