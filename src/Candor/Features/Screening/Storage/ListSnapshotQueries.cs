using Candor.Data;

namespace Candor.Features.Screening.Storage;

public static class ListSnapshotQueries
{
    /// <summary>
    /// The current snapshot of each list: its newest complete one, unless a withdrawal came after it (then the list has
    /// none). Failed imports never count.
    /// </summary>
    public static IQueryable<ListSnapshot> Current(CandorDb db) =>
        Latest(db).Where(s => s.State == SnapshotStates.Complete);

    /// <summary>Lists whose newest word is a withdrawal: nothing of them may be matched any more.</summary>
    public static IQueryable<string> Withdrawn(CandorDb db) =>
        Latest(db).Where(s => s.State == SnapshotStates.Withdrawn).Select(s => s.ListSlug);

    private static IQueryable<ListSnapshot> Latest(CandorDb db) =>
        db.ListSnapshots.Where(s => s.State != SnapshotStates.Failed
            && s.Id == db.ListSnapshots.Where(o => o.State != SnapshotStates.Failed && o.ListSlug == s.ListSlug).Max(o => o.Id));
}
