namespace Candor.Features.Screening.Lists;

/// <summary>What a list says an entry is. Only a soft signal for matching: lists get it wrong and queries often omit it.</summary>
public enum EntityType { Unknown, Person, Organization, Vessel, Aircraft }

/// <summary>How an alias relates to the entry: a.k.a., formerly known as, now known as, the name in its original script, or a weak/low-quality alias.</summary>
public enum AliasKind { Aka, Fka, Nka, OriginalScript, Weak }

public sealed record ListAlias(string Name, AliasKind Kind);

/// <summary>
/// One entry of a restricted-party list, in the shape every parser produces. Plain values only, so that a later
/// round can store it per snapshot and diff it by <see cref="SourceId"/> (OFAC ent_num, CSL _id, UN REFERENCE_NUMBER,
/// EU logicalId, custom id).
/// </summary>
public sealed record ListEntry(
    string List,
    string SourceId,
    string PrimaryName,
    EntityType Type,
    IReadOnlyList<ListAlias> Aliases,
    IReadOnlyList<string> Countries,
    IReadOnlyList<string> DatesOfBirth,
    IReadOnlyList<string> Programs,
    string? Remarks = null,
    string? SourceUrl = null,
    string? Key = null)
{
    /// <summary>What identifies the entry within one snapshot: the list's own id, unless that id repeats (the CSL).</summary>
    public string EntryKey => Key ?? SourceId;

    /// <summary>The primary name followed by every alias, each with the kind that explains a match on it.</summary>
    public IEnumerable<(string Name, AliasKind? Kind)> AllNames()
    {
        yield return (PrimaryName, null);
        foreach (var alias in Aliases) yield return (alias.Name, alias.Kind);
    }
}
