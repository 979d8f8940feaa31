using System.Globalization;
using Candor.Data;
using Microsoft.EntityFrameworkCore;

namespace Candor.Bench;

/// <summary>CPU seconds (user + system) spent by a set of processes between two readings.</summary>
public sealed record CpuTime(double BenchProcess, double Postgres)
{
    public static CpuTime operator -(CpuTime end, CpuTime start) => new(end.BenchProcess - start.BenchProcess, end.Postgres - start.Postgres);
}

/// <summary>
/// Reads CPU time from /proc (Linux only), so throughput can be stated per CPU-second as well as per wall-clock second:
/// on a shared, overloaded machine wall-clock throughput mostly measures the other people's load, while CPU time
/// spent by our own processes does not depend on it nearly as much. "Bench process" is this process: the Candor
/// server and the HTTP client that drives it (and, for the raw baseline, the raw insert loop). "Postgres" is the
/// PostgreSQL server this run uses: its postmaster and every child process (backends, WAL writer, checkpointer …).
/// </summary>
public sealed class CpuMeter
{
    private const double TicksPerSecond = 100; // USER_HZ: 100 on every Linux kernel configuration in use
    private readonly int? _postmaster;

    private CpuMeter(int? postmaster) => _postmaster = postmaster;

    public static async Task<CpuMeter> ForAsync(CandorDb db, CancellationToken ct)
    {
        if (!OperatingSystem.IsLinux() || !db.Database.IsNpgsql()) return new CpuMeter(null);
        // Our backend's parent is the postmaster of the PostgreSQL server this benchmark started (not anyone else's).
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "SELECT pg_backend_pid()";
            var backend = Convert.ToInt32(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
            return new CpuMeter(Stat(backend)?.ParentId);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    public CpuTime Read()
    {
        var self = Stat(Environment.ProcessId)?.Seconds ?? 0;
        if (_postmaster is not { } postmaster) return new CpuTime(self, 0);
        double postgres = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            if (Stat(pid) is { } stat && (pid == postmaster || stat.ParentId == postmaster)) postgres += stat.Seconds;
        }
        return new CpuTime(self, postgres);
    }

    /// <summary>Fields of /proc/PID/stat after the command name (which may hold spaces): state, ppid, …, utime (14), stime (15).</summary>
    private static (int ParentId, double Seconds)? Stat(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null; // the process ended meanwhile
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        // fields[0] is field 3 (state); field N is fields[N - 3].
        var parent = int.Parse(fields[1], CultureInfo.InvariantCulture);
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return (parent, ticks / TicksPerSecond);
    }
}
