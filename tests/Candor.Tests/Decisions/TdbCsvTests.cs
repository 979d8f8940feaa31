using System.Text;
using Candor.Features.Decisions.Dumps;

namespace Candor.Tests.Decisions;

/// <summary>The dump CSV against the shared TDB reference (docs/dsa-statement-of-reasons.md §5) and PHP fputcsv's rules.</summary>
public sealed class TdbCsvTests
{
    // Copied from the reference document's "Full version columns (38, in order)".
    private const string DocumentedFull =
        "uuid, decision_visibility, decision_visibility_other, end_date_visibility_restriction, decision_monetary, decision_monetary_other, end_date_monetary_restriction, decision_provision, end_date_service_restriction, decision_account, end_date_account_restriction, account_type, decision_ground, decision_ground_reference_url, illegal_content_legal_ground, illegal_content_explanation, incompatible_content_ground, incompatible_content_explanation, incompatible_content_illegal, category, category_addition, category_specification, category_specification_other, content_type, content_type_other, content_language, content_date, content_id_ean, territorial_scope, application_date, decision_facts, source_type, source_identity, automated_detection, automated_decision, platform_name, platform_uid, created_at";

    [Fact]
    public void The_full_columns_are_the_documented_38_in_order_and_light_drops_the_four_long_or_scope_columns()
    {
        var documented = DocumentedFull.Split(", ");
        Assert.Equal(38, documented.Length);
        Assert.Equal(documented, TdbCsv.FullColumns);
        Assert.Equal(34, TdbCsv.LightColumns.Length);
        Assert.Equal(documented.Where(c => c is not ("illegal_content_explanation" or "incompatible_content_explanation" or "territorial_scope" or "decision_facts")),
            TdbCsv.LightColumns);
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("", "")]
    [InlineData("two words", "\"two words\"")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("tab\there", "\"tab\there\"")]
    [InlineData(@"back\slash", "\"back\\slash\"")]
    // fputcsv does not double a quote that follows a backslash.
    [InlineData("x\\\"y", "\"x\\\"y\"")]
    [InlineData("[\"A\",\"B\"]", "\"[\"\"A\"\",\"\"B\"\"]\"")]
    public void A_field_is_written_as_php_fputcsv_writes_it(string field, string expected)
    {
        var line = new StringBuilder();
        TdbCsv.AppendField(line, field);
        Assert.Equal(expected, line.ToString());
    }

    [Fact]
    public void Text_loses_its_newlines_and_escaped_quotes_and_nulls_are_empty()
    {
        Assert.Equal("line one line two line three", TdbCsv.Text("line one\r\nline two\nline three"));
        Assert.Equal("a \"quoted\" word", TdbCsv.Text("a \\\"quoted\\\" word"));
        Assert.Equal("a,,b", TdbCsv.Line(["a", null, "b"]));
    }

    [Fact]
    public void Dates_are_database_timestamps_and_arrays_are_json_text()
    {
        Assert.Equal("2026-11-01 00:00:00", TdbCsv.Day(new DateOnly(2026, 11, 1)));
        Assert.Equal("2026-11-02 09:05:07", TdbCsv.Instant(new DateTimeOffset(2026, 11, 2, 10, 5, 7, TimeSpan.FromHours(1))));
        Assert.Equal("[\"CONTENT_TYPE_TEXT\",\"CONTENT_TYPE_VIDEO\"]", TdbCsv.JsonArray(["CONTENT_TYPE_TEXT", "CONTENT_TYPE_VIDEO"]));
    }
}
