using System.Xml;
using System.Xml.Linq;

namespace Candor.Features.Screening.Lists;

/// <summary>
/// Streams the record elements of a list XML file, one small tree at a time, with the protections untrusted XML
/// needs: no DTD (so no entity expansion bombs), no resolver (no external fetches), bounded document size.
/// </summary>
public static class SafeXml
{
    /// <summary>The full EU file is about 24 MB; ten times that is damage or an attack.</summary>
    public const long MaxDocumentChars = 256L * 1024 * 1024;

    public static XmlReaderSettings Settings => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 1024,
        MaxCharactersInDocument = MaxDocumentChars,
        IgnoreComments = true,
        IgnoreWhitespace = true,
        IgnoreProcessingInstructions = true,
    };

    /// <summary>Elements named <paramref name="recordName"/> (local name, any namespace) under a root named <paramref name="rootName"/>.</summary>
    public static IEnumerable<XElement> Records(string path, string rootName, string formatName, params string[] recordNames)
    {
        using var stream = File.OpenRead(path);
        using var reader = XmlReader.Create(stream, Settings);
        using var records = Raw(reader, path, rootName, formatName, recordNames).GetEnumerator();
        while (true)
        {
            try
            {
                if (!records.MoveNext()) yield break;
            }
            catch (XmlException ex)
            {
                throw new ListFormatException($"malformed or unsafe XML: {ex.Message}", path, ex.LineNumber, ex.LinePosition);
            }
            yield return records.Current;
        }
    }

    private static IEnumerable<XElement> Raw(XmlReader reader, string path, string rootName, string formatName, string[] recordNames)
    {
        reader.MoveToContent();
        if (reader.NodeType != XmlNodeType.Element || reader.LocalName != rootName)
        {
            var info = (IXmlLineInfo)reader;
            throw new ListFormatException(
                $"not {formatName}: the root element is <{reader.LocalName}>, expected <{rootName}> (is the --format right?)",
                path, info.LineNumber, info.LinePosition);
        }
        reader.Read();
        while (!reader.EOF)
        {
            if (reader.NodeType == XmlNodeType.Element && recordNames.Contains(reader.LocalName))
                yield return (XElement)XNode.ReadFrom(reader);
            else
                reader.Read();
        }
    }

    /// <summary>Trimmed text of the first descendant with this local name, or null when absent or blank.</summary>
    public static string? Text(this XElement element, string localName) =>
        element.Descendants().FirstOrDefault(e => e.Name.LocalName == localName)?.Value.Trim() is { Length: > 0 } v ? v : null;

    public static IEnumerable<XElement> Named(this XElement element, string localName) =>
        element.Descendants().Where(e => e.Name.LocalName == localName);

    public static string? Attr(this XElement element, string name) =>
        element.Attribute(name)?.Value.Trim() is { Length: > 0 } v ? v : null;
}
