using System.Text;
using System.Text.RegularExpressions;

namespace Candor.Features.Screening.Lists;

/// <summary>
/// OFAC's legacy CSV trio: <c>sdn.csv</c> plus <c>alt.csv</c> (aliases) and <c>add.csv</c> (addresses) beside it when
/// present. No header, <c>-0-</c> for null, a DOS EOF byte on the last line.
/// </summary>
public static partial class OfacSdnCsvReader
{
    private const int SdnColumns = 12;

    public static IEnumerable<ListEntry> Read(string sdnPath, string listSlug)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(sdnPath))!;
        var aliases = ReadSidecar(Path.Combine(folder, "alt.csv"), 5, f => f[3].Length == 0 ? null : new ListAlias(f[3], AliasKindOf(f[2])));
        var countries = ReadSidecar(Path.Combine(folder, "add.csv"), 6, f => f[4].Length == 0 ? null : f[4]);
        return ReadPrimary(sdnPath, listSlug, aliases, countries);
    }

    private static IEnumerable<ListEntry> ReadPrimary(
        string path, string listSlug, Dictionary<string, List<ListAlias>> aliases, Dictionary<string, List<string>> countries)
    {
        var seen = 0;
        foreach (var record in CsvRecords.ReadFile(path, Encoding.Latin1))
        {
            var f = record.Fields;
            if (f.Length < SdnColumns) continue; // the trailing 0x1A line, or a blank one
            if (!long.TryParse(f[0], System.Globalization.CultureInfo.InvariantCulture, out _))
                throw new ListFormatException(
                    seen == 0 ? "not an OFAC SDN legacy CSV (first column must be the numeric ent_num; is the --format right?)"
                              : "ent_num is not a number", path, record.Line);
            seen++;
            yield return ToEntry(listSlug, f, aliases, countries);
        }
        if (seen == 0) throw new ListFormatException("no SDN records found; is the --format right?", path);
    }

    private static ListEntry ToEntry(
        string listSlug, string[] f, Dictionary<string, List<ListAlias>> aliases, Dictionary<string, List<string>> countries)
    {
        var id = f[0].Trim();
        var remarks = Value(f[11]);
        var entryAliases = aliases.GetValueOrDefault(id) ?? [];
        var weak = remarks is null ? [] : WeakAka().Matches(remarks).Select(m => new ListAlias(m.Groups[1].Value, AliasKind.Weak));
        var entryCountries = (countries.GetValueOrDefault(id) ?? []).Concat(RemarkCountries(remarks));
        if (Value(f[9]) is { } flag) entryCountries = entryCountries.Append(flag);
        return new ListEntry(
            listSlug, id, Value(f[1]) ?? "", TypeOf(Value(f[2])), [.. entryAliases, .. weak],
            [.. entryCountries.Distinct(StringComparer.OrdinalIgnoreCase)],
            remarks is null ? [] : [.. Dob().Matches(remarks).Select(m => m.Groups[1].Value.Trim())],
            Value(f[3]) is { } programs ? [.. programs.Split("] [").Select(p => p.Trim('[', ']', ' '))] : [],
            remarks);
    }

    private static Dictionary<string, List<T>> ReadSidecar<T>(string path, int columns, Func<string[], T?> map) where T : class
    {
        var result = new Dictionary<string, List<T>>(StringComparer.Ordinal);
        if (!File.Exists(path)) return result;
        foreach (var record in CsvRecords.ReadFile(path, Encoding.Latin1))
        {
            var f = record.Fields;
            if (f.Length < columns) continue;
            for (var i = 0; i < f.Length; i++) f[i] = Value(f[i]) ?? "";
            if (f[0].Length == 0) throw new ListFormatException("missing ent_num", path, record.Line);
            if (map(f) is not { } value) continue;
            (result.TryGetValue(f[0], out var list) ? list : result[f[0]] = []).Add(value);
        }
        return result;
    }

    internal static string? Value(string raw)
    {
        var trimmed = raw.Trim();
        return trimmed.Length == 0 || trimmed == "-0-" ? null : trimmed;
    }

    private static EntityType TypeOf(string? sdnType) => sdnType?.ToUpperInvariant() switch
    {
        null => EntityType.Organization,
        "INDIVIDUAL" => EntityType.Person,
        "VESSEL" => EntityType.Vessel,
        "AIRCRAFT" => EntityType.Aircraft,
        _ => EntityType.Unknown,
    };

    private static AliasKind AliasKindOf(string type) => type.ToUpperInvariant() switch
    {
        "FKA" => AliasKind.Fka,
        "NKA" => AliasKind.Nka,
        _ => AliasKind.Aka,
    };

    private static IEnumerable<string> RemarkCountries(string? remarks) =>
        remarks is null ? [] : NationalityOrCitizen().Matches(remarks).Select(m => m.Groups[1].Value.Trim());

    [GeneratedRegex(@"DOB ([^;]+?)(?:;|\.$|$)")]
    private static partial Regex Dob();

    [GeneratedRegex(@"(?:nationality|citizen) ([A-Za-z ,.'-]+?)(?:;|\.$|$)")]
    private static partial Regex NationalityOrCitizen();

    [GeneratedRegex(@"a\.k\.a\. '([^']+)'")]
    private static partial Regex WeakAka();
}
