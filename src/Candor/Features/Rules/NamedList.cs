namespace Candor.Features.Rules;

public enum ListKind
{
    Terms,
    Domains,
    Countries,
    Screening,
}

/// <summary>
/// A list rules refer to by id: terms, landing domains, countries, or the name of a screening list (whose entries live
/// in the screening feature, not in the policy files).
/// </summary>
public sealed record NamedList(string Id, ListKind Kind, IReadOnlyList<string> Items);
