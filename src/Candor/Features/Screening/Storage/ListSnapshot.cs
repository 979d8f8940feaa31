namespace Candor.Features.Screening.Storage;

/// <summary>
/// One import of one list file. Lists are instance-wide: the same public lists bind every platform, and one in-memory
/// index serves them all. The current snapshot of a list is its newest <see cref="SnapshotStates.Complete"/> one.
/// </summary>
public sealed class ListSnapshot
{
    public long Id { get; set; }
    public required string ListSlug { get; set; }
    public required string Format { get; set; }
    /// <summary>The date the publisher's file describes (given on import, else the import date).</summary>
    public DateOnly AsOf { get; set; }
    public string? SourceUrl { get; set; }
    /// <summary>SHA-256 of the format and the file bytes (with OFAC's alt.csv and add.csv), so a re-import is recognised.</summary>
    public required string ContentHash { get; set; }
    public int EntryCount { get; set; }
    /// <summary>Primary names plus aliases.</summary>
    public int NameCount { get; set; }
    /// <summary>Entries dropped because the file repeated an id within itself.</summary>
    public int DuplicateCount { get; set; }
    public DateTimeOffset ImportedAt { get; set; }
    public required string State { get; set; }
    /// <summary>Why a failed import failed, or why a list was withdrawn; null otherwise.</summary>
    public string? Error { get; set; }
}

public static class SnapshotStates
{
    /// <summary>Every entry was written in the same transaction as this state.</summary>
    public const string Complete = "complete";
    /// <summary>The import failed; the snapshot has no entries and never becomes current.</summary>
    public const string Failed = "failed";
    /// <summary>
    /// The list was withdrawn altogether (<c>candor lists remove</c>): a marker with no entries that ends the list's
    /// current snapshot until a later import makes one current again. Earlier snapshots stay, so history is kept.
    /// </summary>
    public const string Withdrawn = "withdrawn";
}

/// <summary>One entry of a stored snapshot. Lists of values are JSON text: they are read back whole, never queried.</summary>
public sealed class StoredListEntry
{
    public long Id { get; set; }
    public long SnapshotId { get; set; }
    /// <summary>Unique within the snapshot: the list's own id, or for the CSL <c>source/_id</c> since its ids repeat across sub-lists.</summary>
    public required string EntryKey { get; set; }
    /// <summary>The list's own id: OFAC ent_num, CSL _id, UN REFERENCE_NUMBER, EU logicalId, custom id.</summary>
    public required string SourceId { get; set; }
    public required string PrimaryName { get; set; }
    public required string Type { get; set; }
    public required string AliasesJson { get; set; }
    public required string CountriesJson { get; set; }
    public required string DatesOfBirthJson { get; set; }
    public required string ProgramsJson { get; set; }
    public string? Remarks { get; set; }
    public string? SourceUrl { get; set; }
    /// <summary>Hash of everything above but the ids, so a diff can tell a changed entry from an unchanged one.</summary>
    public required string EntryHash { get; set; }
}
