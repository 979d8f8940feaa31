namespace Candor.Features.Screening.Lists;

/// <summary>The list formats Candor reads, by the slug the <c>--format</c> flag takes.</summary>
public static class ListFormats
{
    public const string OfacSdnCsv = "ofac-sdn-csv";
    public const string UsCslCsv = "us-csl-csv";
    public const string UnScXml = "un-sc-xml";
    public const string EuFsfXml = "eu-fsf-xml";
    public const string CustomCsv = "custom-csv";

    public static readonly IReadOnlyList<string> All = [OfacSdnCsv, UsCslCsv, UnScXml, EuFsfXml, CustomCsv];

    /// <summary>Streams the entries of <paramref name="path"/>; format errors surface as <see cref="ListFormatException"/> while enumerating.</summary>
    public static IEnumerable<ListEntry> Read(string format, string path, string listSlug) => format switch
    {
        OfacSdnCsv => OfacSdnCsvReader.Read(path, listSlug),
        UsCslCsv => UsCslCsvReader.Read(path, listSlug),
        UnScXml => UnScXmlReader.Read(path, listSlug),
        EuFsfXml => EuFsfXmlReader.Read(path, listSlug),
        CustomCsv => CustomCsvReader.Read(path, listSlug),
        _ => throw new ArgumentException($"unknown list format '{format}'; expected one of {string.Join(", ", All)}", nameof(format)),
    };
}
