using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Candor.Data;

public sealed class SqliteCandorDb(DbContextOptions<SqliteCandorDb> options) : CandorDb(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no instant type; as ticks, UTC instants sort and compare correctly in SQL.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        // SQLite has no decimal either; spend ranges are compared rarely and never summed in SQL.
        configurationBuilder.Properties<decimal>().HaveConversion<double>();
    }
}
