using Candor.Features.Screening;
using Candor.Features.Screening.Lists;
using Candor.Features.Screening.Storage;

namespace Candor.Tests.Screening;

/// <summary>Pure parts of the screening interfaces: request validation, stored-entry round trip, CSV quoting.</summary>
public sealed class ScreenRequestTests
{
    [Theory]
    [InlineData(null, "name")]
    [InlineData("", "name")]
    [InlineData("\t\n", "name")]
    [InlineData("Acme\u0000", "name")]
    public void Bad_names_are_refused(string? name, string field)
    {
        var (query, errors) = ScreenName.Validate(new ScreenRequest(name));

        Assert.Null(query);
        Assert.Equal([field], errors.ToDictionary().Keys);
    }

    [Theory]
    [InlineData("person", EntityType.Person)]
    [InlineData("Organization", EntityType.Organization)]
    public void Types_are_read_case_insensitively(string type, EntityType expected)
    {
        var (query, _) = ScreenName.Validate(new ScreenRequest("Acme", Type: type));

        Assert.Equal(expected, query!.Type);
    }

    [Theory]
    [InlineData("unknown")]
    [InlineData("1")]
    [InlineData("person,vessel")]
    public void Other_types_are_refused(string type)
    {
        var (query, errors) = ScreenName.Validate(new ScreenRequest("Acme", Type: type));

        Assert.Null(query);
        Assert.Equal(["type"], errors.ToDictionary().Keys);
    }

    [Fact]
    public void The_default_threshold_is_the_recommended_one()
    {
        var (query, _) = ScreenName.Validate(new ScreenRequest(" Acme "));

        Assert.Equal(("Acme", 0.85, 10), (query!.Name, query.MinScore, query.Limit));
    }

    [Fact]
    public void A_stored_entry_reads_back_as_it_was_read()
    {
        var entry = new ListEntry("l", "17014", "SBERBANK", EntityType.Organization, [new ListAlias("Sber", AliasKind.Aka), new ListAlias("СБЕРБАНК", AliasKind.OriginalScript)],
            ["RU"], ["1991"], ["SSI list", "UKRAINE-EO13662"], "remark", "https://x");

        var row = StoredEntries.ToRow(ListFormats.UsCslCsv, 1, entry);
        var back = StoredEntries.ToEntry("l", row);

        Assert.Equal("SSI list/17014", row.EntryKey);
        Assert.Equal("SSI list/17014", back.EntryKey);
        Assert.Equal(entry.Aliases, back.Aliases);
        Assert.Equal((entry.PrimaryName, entry.Type, entry.Remarks, entry.SourceUrl, entry.SourceId), (back.PrimaryName, back.Type, back.Remarks, back.SourceUrl, back.SourceId));
        Assert.Equal(entry.Countries, back.Countries);
        Assert.Equal(entry.Programs, back.Programs);
        Assert.Equal(row.EntryHash, StoredEntries.ToRow(ListFormats.UsCslCsv, 2, back).EntryHash);
        Assert.NotEqual(row.EntryHash, StoredEntries.ToRow(ListFormats.UsCslCsv, 1, entry with { Countries = ["KZ"] }).EntryHash);
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("=HYPERLINK(1)", "'=HYPERLINK(1)")]
    public void Csv_fields_are_quoted_and_formulas_defused(string field, string expected) =>
        Assert.Equal(expected, ScreenFile.Quote(field));
}
