using Candor.Features.Screening.Lists;

namespace Candor.Tests.Screening;

/// <summary>List entries for tests, with only what a test cares about.</summary>
public static class Entries
{
    public static ListEntry Organization(string id, string name, params string[] aliases) =>
        new("test", id, name, EntityType.Organization, [.. aliases.Select(a => new ListAlias(a, AliasKind.Aka))], [], [], []);

    public static ListEntry Person(string id, string name, string? dob = null, string? country = null, params ListAlias[] aliases) =>
        new("test", id, name, EntityType.Person, aliases, country is null ? [] : [country], dob is null ? [] : [dob], []);
}
