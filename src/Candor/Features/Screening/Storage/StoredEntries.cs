using System.Text.Json;
using Candor.Features.Screening.Lists;
using Candor.Infrastructure;

namespace Candor.Features.Screening.Storage;

/// <summary>Converts between the readers' <see cref="ListEntry"/> and its stored row. Pure.</summary>
public static class StoredEntries
{
    private sealed record StoredAlias(string Name, AliasKind Kind);

    /// <summary>
    /// The key that is unique within a snapshot. The CSL repeats one Treasury _id under each sub-list that names the
    /// entity; its readers put that sub-list first in the programs, so the key is <c>source/_id</c>.
    /// </summary>
    public static string KeyOf(string format, ListEntry entry) =>
        format == ListFormats.UsCslCsv && entry.Programs.Count > 0 ? $"{entry.Programs[0]}/{entry.SourceId}" : entry.SourceId;

    public static StoredListEntry ToRow(string format, long snapshotId, ListEntry entry)
    {
        var aliases = JsonSerializer.Serialize(entry.Aliases.Select(a => new StoredAlias(a.Name, a.Kind)), CandorJson.Output);
        var countries = JsonSerializer.Serialize(entry.Countries, CandorJson.Output);
        var dobs = JsonSerializer.Serialize(entry.DatesOfBirth, CandorJson.Output);
        var programs = JsonSerializer.Serialize(entry.Programs, CandorJson.Output);
        var type = TypeName(entry.Type);
        return new StoredListEntry
        {
            SnapshotId = snapshotId,
            EntryKey = KeyOf(format, entry),
            SourceId = entry.SourceId,
            PrimaryName = entry.PrimaryName,
            Type = type,
            AliasesJson = aliases,
            CountriesJson = countries,
            DatesOfBirthJson = dobs,
            ProgramsJson = programs,
            Remarks = entry.Remarks,
            SourceUrl = entry.SourceUrl,
            EntryHash = ContentHash.Of(new[] { entry.PrimaryName, type, aliases, countries, dobs, programs, entry.Remarks ?? "", entry.SourceUrl ?? "" }),
        };
    }

    public static ListEntry ToEntry(string listSlug, StoredListEntry row) => new(
        listSlug,
        row.SourceId,
        row.PrimaryName,
        ParseType(row.Type),
        (JsonSerializer.Deserialize<StoredAlias[]>(row.AliasesJson, CandorJson.Output) ?? []).Select(a => new ListAlias(a.Name, a.Kind)).ToArray(),
        JsonSerializer.Deserialize<string[]>(row.CountriesJson, CandorJson.Output) ?? [],
        JsonSerializer.Deserialize<string[]>(row.DatesOfBirthJson, CandorJson.Output) ?? [],
        JsonSerializer.Deserialize<string[]>(row.ProgramsJson, CandorJson.Output) ?? [],
        row.Remarks,
        row.SourceUrl,
        row.EntryKey == row.SourceId ? null : row.EntryKey);

    public static string TypeName(EntityType type) => JsonNamingPolicy.SnakeCaseLower.ConvertName(type.ToString());

    public static EntityType ParseType(string? name) =>
        Enum.TryParse<EntityType>(name, ignoreCase: true, out var type) && Enum.IsDefined(type) ? type : EntityType.Unknown;
}
