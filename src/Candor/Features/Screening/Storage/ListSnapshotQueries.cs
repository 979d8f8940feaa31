using Candor.Data;

namespace Candor.Features.Screening.Storage;

public static class ListSnapshotQueries
{
    /// <summary>The current snapshot of each list: its newest complete one.</summary>
    public static IQueryable<ListSnapshot> Current(CandorDb db) =>
        db.ListSnapshots.Where(s => s.State == SnapshotStates.Complete
            && s.Id == db.ListSnapshots.Where(o => o.State == SnapshotStates.Complete && o.ListSlug == s.ListSlug).Max(o => o.Id));
}
