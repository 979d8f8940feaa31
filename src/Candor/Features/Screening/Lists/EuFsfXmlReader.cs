using System.Xml.Linq;

namespace Candor.Features.Screening.Lists;

/// <summary>The EU Financial Sanctions Files XML, v1.1 (<c>export/sanctionEntity</c>, attributes-only name aliases).</summary>
public static class EuFsfXmlReader
{
    public static IEnumerable<ListEntry> Read(string path, string listSlug) =>
        SafeXml.Records(path, "export", "an EU FSF v1.1 export", "sanctionEntity")
            .Select(e => ToEntry(listSlug, e))
            .Where(e => e.PrimaryName.Length > 0);

    private static ListEntry ToEntry(string listSlug, XElement e)
    {
        var names = e.Elements().Where(n => n.Name.LocalName == "nameAlias")
            .Select(n => (name: n.Attr("wholeName") ?? JoinParts(n), strong: n.Attr("strong") != "false"))
            .Where(n => n.name.Length > 0).ToList();
        // The first strong alias is the name the EU leads with; the rest are aliases, weak ones marked so.
        var primary = names.FirstOrDefault(n => n.strong).name ?? names.FirstOrDefault().name ?? "";
        var aliases = names.Where(n => n.name != primary).Select(n => new ListAlias(
            n.name, IsLatin(n.name) ? (n.strong ? AliasKind.Aka : AliasKind.Weak) : AliasKind.OriginalScript));
        var countries = e.Named("citizenship").Concat(e.Named("address")).Concat(e.Named("birthdate"))
            .Select(c => c.Attr("countryIso2Code")).OfType<string>().Where(c => c != "00");
        return new ListEntry(
            listSlug,
            e.Attr("logicalId") ?? e.Attr("euReferenceNumber") ?? "",
            primary,
            e.Named("subjectType").FirstOrDefault()?.Attr("code")?.ToUpperInvariant() switch
            {
                "PERSON" => EntityType.Person,
                "ENTERPRISE" or "ENTITY" => EntityType.Organization,
                _ => EntityType.Unknown,
            },
            [.. aliases.DistinctBy(a => a.Name)],
            [.. countries.Distinct(StringComparer.OrdinalIgnoreCase)],
            [.. e.Named("birthdate").Select(b => b.Attr("birthdate") ?? b.Attr("year")).OfType<string>().Distinct()],
            [.. e.Named("regulation").Select(r => r.Attr("programme")).OfType<string>().Distinct()],
            e.Elements().Where(r => r.Name.LocalName == "remark").Select(r => r.Value.Trim()).FirstOrDefault(r => r.Length > 0),
            e.Named("publicationUrl").Select(u => u.Value.Trim()).FirstOrDefault(u => u.Length > 0));
    }

    private static string JoinParts(XElement n) =>
        string.Join(' ', new[] { n.Attr("firstName"), n.Attr("middleName"), n.Attr("lastName") }.OfType<string>());

    private static bool IsLatin(string name) => name.All(c => c < '\u0250' || !char.IsLetter(c));
}
