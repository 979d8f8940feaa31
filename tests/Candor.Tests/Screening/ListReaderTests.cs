using Candor.Features.Screening.Lists;

namespace Candor.Tests.Screening;

public class ListReaderTests
{
    private static List<ListEntry> Read(string format, string path) => [.. ListFormats.Read(format, path, "test")];

    [Fact]
    public void Ofac_reads_sdn_with_aliases_and_addresses_beside_it()
    {
        var entries = Read(ListFormats.OfacSdnCsv, ScreeningFiles.Fixture("sdn.csv"));
        Assert.Equal(["306", "7480", "34741", "9001"], entries.Select(e => e.SourceId));
        var bank = entries[0];
        Assert.Equal(EntityType.Organization, bank.Type);
        Assert.Contains(new ListAlias("NATIONAL BANK OF CUBA", AliasKind.Aka), bank.Aliases);
        Assert.Contains(new ListAlias("BNC", AliasKind.Weak), bank.Aliases);
        Assert.Contains("Switzerland", bank.Countries);
        var mugabe = entries[1];
        Assert.Equal(EntityType.Person, mugabe.Type);
        Assert.Equal(["21 Feb 1924"], mugabe.DatesOfBirth);
        Assert.Contains("Zimbabwe", mugabe.Countries);
        Assert.Equal(["RUSSIA-EO14024", "UKRAINE-EO13662"], entries[2].Programs);
        Assert.Contains(new ListAlias("SOVKOMFLOT PAO", AliasKind.Fka), entries[2].Aliases);
        Assert.Equal(EntityType.Vessel, entries[3].Type);
        Assert.Contains("Malta", entries[3].Countries);
    }

    [Fact]
    public void Csl_survives_a_repeated_header_a_truncated_last_row_and_lost_characters()
    {
        var entries = Read(ListFormats.UsCslCsv, ScreeningFiles.Fixture("csl.csv"));
        Assert.Equal(["30882", "abc123"], entries.Select(e => e.SourceId));
        Assert.Contains(new ListAlias("CHINA TELECOM CO., LTD", AliasKind.Aka), entries[0].Aliases);
        Assert.StartsWith("Non-SDN Chinese Military", entries[0].Programs[0], StringComparison.Ordinal);
        Assert.Contains("CN", entries[0].Countries);
        Assert.Equal("Husayn Fa?ur", entries[1].PrimaryName);
        Assert.Equal(["1970"], entries[1].DatesOfBirth);
    }

    [Fact]
    public void Un_reads_aliases_quality_and_original_script()
    {
        var entries = Read(ListFormats.UnScXml, ScreeningFiles.Fixture("un.xml"));
        var bout = entries[0];
        Assert.Equal("LRi.001", bout.SourceId);
        Assert.Equal("VIKTOR ANATOLIYEVICH BOUT", bout.PrimaryName);
        Assert.Contains(new ListAlias("Виктор Анатольевич Бут", AliasKind.OriginalScript), bout.Aliases);
        Assert.Contains(new ListAlias("Vitali", AliasKind.Weak), bout.Aliases);
        Assert.Equal(["1967-01-13"], bout.DatesOfBirth);
        Assert.Equal(EntityType.Organization, entries[1].Type);
        Assert.Contains("Democratic Republic of the Congo", entries[1].Countries);
    }

    [Fact]
    public void Eu_reads_the_v1_1_export()
    {
        var entries = Read(ListFormats.EuFsfXml, ScreeningFiles.Fixture("eu.xml"));
        var saddam = entries[0];
        Assert.Equal("13", saddam.SourceId);
        Assert.Equal("Saddam Hussein Al-Tikriti", saddam.PrimaryName);
        Assert.Equal(EntityType.Person, saddam.Type);
        Assert.Contains(new ListAlias("Abou Ali", AliasKind.Weak), saddam.Aliases);
        Assert.Contains(saddam.Aliases, a => a.Kind == AliasKind.OriginalScript);
        Assert.Equal(["1937-04-28"], saddam.DatesOfBirth);
        Assert.Equal(["IRQ"], saddam.Programs);
        Assert.Equal(EntityType.Organization, entries[1].Type);
        Assert.Contains("RU", entries[1].Countries);
    }

    [Fact]
    public void Custom_reads_directives_with_their_legal_basis()
    {
        var entry = Assert.Single(Read(ListFormats.CustomCsv, ScreeningFiles.Fixture("custom.csv")));
        Assert.Equal("bod-17-01", entry.SourceId);
        Assert.Equal(EntityType.Organization, entry.Type);
        Assert.Equal(["Kaspersky Lab", "Kaspersky"], entry.Aliases.Select(a => a.Name));
        Assert.Contains("Binding Operational Directive 17-01", entry.Remarks, StringComparison.Ordinal);
        Assert.StartsWith("https://www.cisa.gov/", entry.SourceUrl, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ListFormats.OfacSdnCsv, "un.xml")]
    [InlineData(ListFormats.UsCslCsv, "sdn.csv")]
    [InlineData(ListFormats.UnScXml, "eu.xml")]
    [InlineData(ListFormats.EuFsfXml, "un.xml")]
    [InlineData(ListFormats.CustomCsv, "sdn.csv")]
    [InlineData(ListFormats.UnScXml, "csl.csv")]
    public void The_wrong_format_flag_is_a_clear_error(string format, string file)
    {
        var error = Assert.Throws<ListFormatException>(() => Read(format, ScreeningFiles.Fixture(file)));
        Assert.Contains(Path.GetFileName(file), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_ofac_file_names_the_line()
    {
        var path = ScreeningFiles.Write("sdn.csv", "36,\"AEROCARIBBEAN AIRLINES\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n173,\"ANGLO-CARIBBEAN CO");
        var error = Assert.Throws<ListFormatException>(() => Read(ListFormats.OfacSdnCsv, path));
        Assert.Equal(2, error.Line);
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_xml_file_names_line_and_position()
    {
        var text = File.ReadAllText(ScreeningFiles.Fixture("un.xml"));
        var path = ScreeningFiles.Write("un.xml", text[..(text.Length / 2)]);
        var error = Assert.Throws<ListFormatException>(() => Read(ListFormats.UnScXml, path));
        Assert.True(error.Line > 0);
    }

    [Fact]
    public void An_xml_bomb_is_refused()
    {
        var path = ScreeningFiles.Write("bomb.xml", """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
            <CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><FIRST_NAME>&lol2;</FIRST_NAME></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>
            """);
        var error = Assert.Throws<ListFormatException>(() => Read(ListFormats.UnScXml, path));
        Assert.Contains("DTD", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void An_unknown_format_is_refused() =>
        Assert.Throws<ArgumentException>(() => ListFormats.Read("pdf", "x", "test"));
}
