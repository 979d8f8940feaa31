using System.Diagnostics;
using Candor.Features.Screening.Lists;

namespace Candor.ScreeningEval;

/// <summary>The stored list files and the slug and format each is read with.</summary>
internal static class Lists
{
    public static readonly (string Slug, string Format, string Path)[] Current =
    [
        ("us-ofac-sdn", ListFormats.OfacSdnCsv, "lists/ofac_sdn_2023-12-28/sdn.csv"),
        ("us-csl", ListFormats.UsCslCsv, "lists/us_csl_2023-11-30/csl.csv"),
        ("un-sc", ListFormats.UnScXml, "lists/un_sc_2026-02-27/consolidated.xml"),
        ("us-fcc-covered", ListFormats.CustomCsv, "lists/custom/us-fcc-covered-list-2022-09-20.csv"),
        ("us-dhs-bod-17-01", ListFormats.CustomCsv, "lists/custom/us-dhs-bod-17-01.csv"),
    ];

    /// <summary>Every stored file, including the later OFAC snapshot as a list of its own: the worst case for size.</summary>
    public static readonly (string Slug, string Format, string Path)[] All =
        [.. Current, ("us-ofac-sdn-2024-05", ListFormats.OfacSdnCsv, "lists/ofac_sdn_2024-05-03/sdn.csv")];

    public static List<ListEntry> Load(string data, (string Slug, string Format, string Path)[] files, bool quiet = false)
    {
        var entries = new List<ListEntry>();
        foreach (var (slug, format, path) in files)
        {
            var watch = Stopwatch.StartNew();
            var loaded = ListFormats.Read(format, Path.Combine(data, path), slug).ToList();
            entries.AddRange(loaded);
            if (!quiet)
                Console.WriteLine($"  {slug,-22} {format,-13} {loaded.Count,6} entries, {loaded.Sum(e => e.Aliases.Count),6} aliases, {watch.ElapsedMilliseconds,5} ms");
        }
        return entries;
    }
}
