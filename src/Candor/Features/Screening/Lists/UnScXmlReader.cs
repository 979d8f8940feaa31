using System.Xml.Linq;

namespace Candor.Features.Screening.Lists;

/// <summary>The UN Security Council Consolidated List XML: individuals and entities, aliases and original-script names.</summary>
public static class UnScXmlReader
{
    private static readonly string[] NameParts = ["FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME"];

    public static IEnumerable<ListEntry> Read(string path, string listSlug) =>
        SafeXml.Records(path, "CONSOLIDATED_LIST", "a UN SC consolidated list", "INDIVIDUAL", "ENTITY")
            .Select(e => ToEntry(listSlug, e))
            .Where(e => e.PrimaryName.Length > 0);

    private static ListEntry ToEntry(string listSlug, XElement e)
    {
        var person = e.Name.LocalName == "INDIVIDUAL";
        var name = string.Join(' ', NameParts.Select(n => e.Element(n)?.Value.Trim()).Where(v => !string.IsNullOrEmpty(v)));
        var aliases = e.Elements(person ? "INDIVIDUAL_ALIAS" : "ENTITY_ALIAS")
            .Select(a => (name: a.Element("ALIAS_NAME")?.Value.Trim(), quality: a.Element("QUALITY")?.Value.Trim()))
            .Where(a => !string.IsNullOrEmpty(a.name))
            .Select(a => new ListAlias(a.name!, string.Equals(a.quality, "Low", StringComparison.OrdinalIgnoreCase) ? AliasKind.Weak : AliasKind.Aka));
        var original = e.Element("NAME_ORIGINAL_SCRIPT")?.Value.Trim() is { Length: > 0 } o
            ? new[] { new ListAlias(o, AliasKind.OriginalScript) } : [];
        var countries = e.Elements("NATIONALITY").Elements("VALUE")
            .Concat(e.Elements(person ? "INDIVIDUAL_ADDRESS" : "ENTITY_ADDRESS").Elements("COUNTRY"))
            .Select(c => c.Value.Trim()).Where(c => c.Length > 0);
        return new ListEntry(
            listSlug,
            e.Element("REFERENCE_NUMBER")?.Value.Trim() is { Length: > 0 } reference ? reference : e.Element("DATAID")?.Value.Trim() ?? "",
            name,
            person ? EntityType.Person : EntityType.Organization,
            [.. original, .. aliases],
            [.. countries.Distinct(StringComparer.OrdinalIgnoreCase)],
            [.. e.Elements("INDIVIDUAL_DATE_OF_BIRTH").Select(Dob).OfType<string>()],
            e.Element("UN_LIST_TYPE")?.Value.Trim() is { Length: > 0 } program ? [program] : [],
            e.Element("COMMENTS1")?.Value.Trim() is { Length: > 0 } remarks ? remarks : null);
    }

    private static string? Dob(XElement dob) =>
        dob.Element("DATE")?.Value.Trim() is { Length: > 0 } date ? date
        : dob.Element("YEAR")?.Value.Trim() is { Length: > 0 } year ? year
        : dob.Element("FROM_YEAR")?.Value.Trim() is { Length: > 0 } from ? $"{from}-{dob.Element("TO_YEAR")?.Value.Trim()}"
        : null;
}
