using System.Text;

namespace Candor.Features.Screening.Lists;

/// <summary>
/// A platform's own list or a government directive, written by hand: a header row naming at least <c>name</c>; optional
/// <c>id, aliases</c> (';'-separated), <c>type, country, listed_on, source, legal_basis, scope, url|source_url</c>.
/// </summary>
public static class CustomCsvReader
{
    public static IEnumerable<ListEntry> Read(string path, string listSlug)
    {
        Dictionary<string, int>? columns = null;
        foreach (var record in CsvRecords.ReadFile(path, Encoding.UTF8))
        {
            if (columns is null)
            {
                columns = record.Fields.Select((h, i) => (h: h.Trim().TrimStart('\uFEFF').ToLowerInvariant(), i))
                    .GroupBy(c => c.h, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().i, StringComparer.Ordinal);
                if (!columns.ContainsKey("name"))
                    throw new ListFormatException("not a custom list CSV: the header has no 'name' column (is the --format right?)", path, record.Line);
                continue;
            }
            var f = record.Fields;
            if (f.All(v => v.Trim().Length == 0)) continue;
            string Get(string name) => columns.TryGetValue(name, out var i) && i < f.Length ? f[i].Trim() : "";
            var name = Get("name");
            if (name.Length == 0) throw new ListFormatException("empty name", path, record.Line);
            var basis = string.Join("; ", new[] { Get("legal_basis"), Get("scope"), Get("source"), Get("listed_on") is { Length: > 0 } on ? $"listed on {on}" : "" }
                .Where(v => v.Length > 0));
            yield return new ListEntry(
                listSlug,
                Get("id") is { Length: > 0 } id ? id : FormattableString.Invariant($"row-{record.Line}"),
                name,
                Get("type").ToUpperInvariant() switch
                {
                    "PERSON" or "INDIVIDUAL" => EntityType.Person,
                    "ORGANIZATION" or "ORGANISATION" or "ENTITY" or "COMPANY" => EntityType.Organization,
                    "VESSEL" => EntityType.Vessel,
                    "AIRCRAFT" => EntityType.Aircraft,
                    _ => EntityType.Unknown,
                },
                [.. Get("aliases").Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(a => new ListAlias(a, AliasKind.Aka))],
                [.. Get("country").Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)],
                [],
                [],
                basis.Length > 0 ? basis : null,
                Get("url") is { Length: > 0 } url ? url : Get("source_url") is { Length: > 0 } su ? su : null);
        }
        if (columns is null) throw new ListFormatException("the file is empty", path);
    }
}
