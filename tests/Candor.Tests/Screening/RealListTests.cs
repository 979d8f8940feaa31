using Candor.Features.Screening.Lists;
using Candor.Features.Screening.Matching;

namespace Candor.Tests.Screening;

/// <summary>The readers on the real published files kept in ../shared (see its README for counts and defects).</summary>
public class RealListTests
{
    private static List<ListEntry> Read(string format, string relative) =>
        [.. ListFormats.Read(format, ScreeningFiles.SharedList(relative), "real")];

    [Fact]
    public void Ofac_2023_12_28_has_every_record_and_alias()
    {
        var entries = Read(ListFormats.OfacSdnCsv, "ofac_sdn_2023-12-28/sdn.csv");
        Assert.Equal(13_821, entries.Count);
        Assert.Equal(6_646, entries.Count(e => e.Type == EntityType.Person));
        Assert.Equal(17_091, entries.Sum(e => e.Aliases.Count(a => a.Kind != AliasKind.Weak)));
        Assert.Contains(entries, e => e.SourceId == "7480" && e.PrimaryName == "MUGABE, Robert Gabriel");
    }

    [Fact]
    public void Ofac_2024_05_03_reads_without_sidecar_files()
    {
        var entries = Read(ListFormats.OfacSdnCsv, "ofac_sdn_2024-05-03/sdn.csv");
        Assert.Equal(14_965, entries.Count);
        Assert.Contains(entries, e => e.SourceId == "34741");
        Assert.DoesNotContain(entries, e => e.SourceId == "7480");
    }

    [Fact]
    public void Csl_drops_only_the_repeated_header_and_the_cut_off_row()
    {
        var entries = Read(ListFormats.UsCslCsv, "us_csl_2023-11-30/csl.csv");
        Assert.Equal(4_226, entries.Count); // 4,227 data rows less the truncated SDN 11476
        Assert.DoesNotContain(entries, e => e.SourceId == "_id");
    }

    [Fact]
    public void Un_has_individuals_entities_and_original_scripts()
    {
        var entries = Read(ListFormats.UnScXml, "un_sc_2026-02-27/consolidated.xml");
        Assert.Equal(730, entries.Count(e => e.Type == EntityType.Person));
        Assert.Equal(273, entries.Count(e => e.Type == EntityType.Organization));
        Assert.Equal(378, entries.Count(e => e.Aliases.Any(a => a.Kind == AliasKind.OriginalScript)));
    }

    [Fact]
    public void Custom_directives_read_and_match()
    {
        var entries = Read(ListFormats.CustomCsv, "custom/us-fcc-covered-list-2022-09-20.csv");
        Assert.Equal(10, entries.Count);
        var index = ScreeningIndex.Build(entries);
        var match = index.Search(new ScreeningQuery("Huawei Technologies Co., Ltd.")).Matches[0];
        Assert.Equal("fcc-1", match.SourceId);
        Assert.True(match.Score >= 0.9);
    }
}
