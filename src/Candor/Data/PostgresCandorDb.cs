using Microsoft.EntityFrameworkCore;

namespace Candor.Data;

public sealed class PostgresCandorDb(DbContextOptions<PostgresCandorDb> options) : CandorDb(options);
