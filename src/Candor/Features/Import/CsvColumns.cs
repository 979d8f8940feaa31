using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Candor.Cli;
using Candor.Features.Ads;

namespace Candor.Features.Import;

/// <summary>
/// The columns of a CSV header, matched to the API's field names, and how each cell becomes JSON: text as a
/// string, numbers and booleans parsed invariantly, nested fields (lists, objects) as JSON text, an empty cell
/// as null. The JSON object is then read with the API's strict options, so CSV and NDJSON validate alike.
/// </summary>
public sealed class CsvColumns
{
    private enum Kind { Text, Integer, Decimal, Boolean, Json }

    private readonly (string Name, Kind Kind)[] _columns;

    private CsvColumns((string, Kind)[] columns) => _columns = columns;

    public int Count => _columns.Length;

    public static CsvColumns For<T>(IReadOnlyList<string> header)
    {
        var fields = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .ToDictionary(p => JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name), p => KindOf(p.PropertyType), StringComparer.Ordinal);
        if (header.Count == 0 || header.All(string.IsNullOrWhiteSpace))
            throw new CliException("The CSV file has no header row; its first line must name the fields, e.g. id,legal_name,country.", CliHost.BadUsage);
        var names = header.Select(h => h.Trim()).ToArray();
        var unknown = names.Where(n => !fields.ContainsKey(n)).ToList();
        if (unknown.Count > 0)
            throw new CliException($"Unknown column(s) {string.Join(", ", unknown.Select(u => $"'{u}'"))} in the CSV header. " +
                $"Known fields: {string.Join(", ", fields.Keys)}.", CliHost.BadUsage);
        var repeated = names.GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (repeated.Count > 0)
            throw new CliException($"Column(s) {string.Join(", ", repeated)} appear more than once in the CSV header.", CliHost.BadUsage);
        return new CsvColumns(names.Select(n => (n, fields[n])).ToArray());
    }

    /// <summary>The record's cells as a JSON object, and the cells that could not be read.</summary>
    public (JsonObject Json, List<(string Field, string Message)> Problems) ToJson(Func<int, string> cell)
    {
        var json = new JsonObject();
        var problems = new List<(string, string)>();
        foreach (var (i, (name, kind)) in _columns.Index())
        {
            var text = cell(i);
            if (text.Length == 0) { json[name] = null; continue; }
            var (value, problem) = Convert(kind, text);
            if (problem is null) json[name] = value;
            else problems.Add((name, problem));
        }
        return (json, problems);
    }

    private static (JsonNode? Value, string? Problem) Convert(Kind kind, string text)
    {
        var trimmed = text.Trim();
        switch (kind)
        {
            case Kind.Integer:
                return long.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)
                    ? (JsonValue.Create(l), null) : (null, $"'{Fields.Shorten(text)}' is not a whole number");
            case Kind.Decimal:
                return decimal.TryParse(trimmed, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d)
                    ? (JsonValue.Create(d), null) : (null, $"'{Fields.Shorten(text)}' is not a number (use a point for decimals, no thousands separators)");
            case Kind.Boolean:
                return bool.TryParse(trimmed, out var b) ? (JsonValue.Create(b), null) : (null, $"'{Fields.Shorten(text)}' is not true or false");
            case Kind.Json:
                try
                {
                    return (JsonNode.Parse(text), null);
                }
                catch (JsonException)
                {
                    return (null, "is not valid JSON (nested fields are written as JSON text in the cell)");
                }
            default:
                return (JsonValue.Create(text), null);
        }
    }

    private static Kind KindOf(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(long) || type == typeof(int)) return Kind.Integer;
        if (type == typeof(decimal)) return Kind.Decimal;
        if (type == typeof(bool)) return Kind.Boolean;
        // Enums and date-times go in as JSON strings: the strict options check their spelling and ISO 8601 form.
        if (type == typeof(string) || type == typeof(DateTimeOffset) || type.IsEnum) return Kind.Text;
        return Kind.Json;
    }
}
