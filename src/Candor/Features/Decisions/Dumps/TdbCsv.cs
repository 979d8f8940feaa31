using System.Globalization;
using System.Text;
using System.Text.Json;
using Candor.Features.Decisions.Published;

namespace Candor.Features.Decisions.Dumps;

/// <summary>
/// The TDB's dump CSV: its 38 full / 34 light columns in its order, written in PHP <c>fputcsv</c>'s dialect (comma,
/// <c>"</c> enclosure, backslash escape, <c>\n</c> between lines and none after the last), text with newlines turned
/// into spaces and <c>\"</c> un-escaped, arrays as JSON text, instants and dates as <c>YYYY-MM-DD HH:MM:SS</c>.
/// </summary>
public static class TdbCsv
{
    public static readonly string[] FullColumns =
    [
        "uuid", "decision_visibility", "decision_visibility_other", "end_date_visibility_restriction", "decision_monetary",
        "decision_monetary_other", "end_date_monetary_restriction", "decision_provision", "end_date_service_restriction",
        "decision_account", "end_date_account_restriction", "account_type", "decision_ground", "decision_ground_reference_url",
        "illegal_content_legal_ground", "illegal_content_explanation", "incompatible_content_ground",
        "incompatible_content_explanation", "incompatible_content_illegal", "category", "category_addition",
        "category_specification", "category_specification_other", "content_type", "content_type_other", "content_language",
        "content_date", "content_id_ean", "territorial_scope", "application_date", "decision_facts", "source_type",
        "source_identity", "automated_detection", "automated_decision", "platform_name", "platform_uid", "created_at",
    ];

    /// <summary>The light version leaves out the long free texts and the territorial scope.</summary>
    public static readonly string[] LightOmits = ["illegal_content_explanation", "incompatible_content_explanation", "territorial_scope", "decision_facts"];

    public static readonly string[] LightColumns = FullColumns.Except(LightOmits).ToArray();

    private static readonly int[] LightIndexes = LightColumns.Select(c => Array.IndexOf(FullColumns, c)).ToArray();

    /// <summary>The full row: the public projection, plus the puid as <c>platform_uid</c> (the TDB publishes it in dumps), and the issue time as <c>created_at</c>.</summary>
    public static string?[] FullRow(PublicDecision d, string puid) =>
    [
        d.Uuid.ToString(), JsonArray(d.DecisionVisibility), Text(d.DecisionVisibilityOther), Day(d.EndDateVisibilityRestriction),
        d.DecisionMonetary, Text(d.DecisionMonetaryOther), Day(d.EndDateMonetaryRestriction), d.DecisionProvision,
        Day(d.EndDateServiceRestriction), d.DecisionAccount, Day(d.EndDateAccountRestriction), d.AccountType, d.DecisionGround,
        Text(d.DecisionGroundReferenceUrl), Text(d.IllegalContentLegalGround), Text(d.IllegalContentExplanation),
        Text(d.IncompatibleContentGround), Text(d.IncompatibleContentExplanation), d.IncompatibleContentIllegal, d.Category,
        JsonArray(d.CategoryAddition), JsonArray(d.CategorySpecification), Text(d.CategorySpecificationOther), JsonArray(d.ContentType),
        Text(d.ContentTypeOther), d.ContentLanguage, Day(d.ContentDate), d.ContentIdEan, JsonArray(d.TerritorialScope),
        Day(d.ApplicationDate), Text(d.DecisionFacts), d.SourceType, Text(d.SourceIdentity), d.AutomatedDetection,
        d.AutomatedDecision, Text(d.PlatformName), puid, Instant(d.IssuedAt),
    ];

    public static string?[] LightRow(string?[] full) => LightIndexes.Select(i => full[i]).ToArray();

    /// <summary>One line as PHP's fputcsv writes it, without the line end.</summary>
    public static string Line(IEnumerable<string?> fields)
    {
        var line = new StringBuilder();
        var first = true;
        foreach (var field in fields)
        {
            if (!first) line.Append(',');
            first = false;
            AppendField(line, field ?? "");
        }
        return line.ToString();
    }

    private static readonly System.Buffers.SearchValues<char> NeedsEnclosure = System.Buffers.SearchValues.Create(",\"\\\n\r\t ");

    /// <summary>
    /// fputcsv encloses a field holding the separator, the enclosure, the escape character, CR, LF, tab or a space;
    /// inside, it doubles each <c>"</c> unless a backslash came just before it (then both are kept as they are).
    /// </summary>
    public static void AppendField(StringBuilder line, string field)
    {
        if (field.AsSpan().IndexOfAny(NeedsEnclosure) < 0)
        {
            line.Append(field);
            return;
        }
        line.Append('"');
        var escaped = false;
        foreach (var ch in field)
        {
            if (ch == '\\') escaped = true;
            else if (!escaped && ch == '"') line.Append('"');
            else escaped = false;
            line.Append(ch);
        }
        line.Append('"');
    }

    /// <summary>As the TDB's export: newlines become spaces and <c>\"</c> becomes <c>"</c>.</summary>
    public static string? Text(string? text) =>
        text?.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\r', ' ').Replace('\n', ' ').Replace("\\\"", "\"", StringComparison.Ordinal);

    public static string JsonArray(IReadOnlyList<string> values) => JsonSerializer.Serialize(values);

    public static string? Day(DateOnly? day) => day is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + " 00:00:00" : null;

    public static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
