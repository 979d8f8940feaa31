using Microsoft.EntityFrameworkCore;

namespace Candor.Data;

/// <summary>
/// Runs an upsert again when another node inserted the same unique key between our read and our write.
/// The second run reads that row and updates it, so concurrent identical batches end in one row each.
/// </summary>
public static class UniqueConflictRetry
{
    private const int Attempts = 4;

    public static async Task<T> RunAsync<T>(CandorDb db, Func<CancellationToken, Task<T>> attempt, CancellationToken ct)
    {
        for (var i = 1; ; i++)
        {
            try
            {
                return await attempt(ct);
            }
            catch (DbUpdateException ex) when (i < Attempts && IsUniqueViolation(ex))
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    public static bool IsUniqueViolation(DbUpdateException ex) => ex.InnerException switch
    {
        Npgsql.PostgresException pg => pg.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode == 2067,
        _ => false,
    };
}
