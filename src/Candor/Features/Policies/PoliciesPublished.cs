using Candor.Data;

namespace Candor.Features.Policies;

/// <summary>
/// What follows an accepted import. The console upload calls this once per import that published something.
/// </summary>
public static class PoliciesPublished
{
    /// <summary>
    /// TODO(lead, at merge): queue the re-evaluation of the catalogue's subjects here, with the hook the evaluation work
    /// adds (issue #6 scope 3). It was not on main when this was written, so this is the single place to wire it; it does
    /// nothing yet, and the CLI import (<see cref="ImportPolicies.Command"/>) does not call it.
    /// </summary>
    public static Task AfterImportAsync(CandorDb db, TimeProvider clock, long? platformId, long importId, CancellationToken ct)
    {
        _ = (db, clock, platformId, importId, ct);
        return Task.CompletedTask;
    }
}
