using System.Diagnostics;
using System.Runtime;

namespace Candor.Bench;

/// <summary>
/// Warm-up until the JIT has settled. Tiered compilation with PGO compiles a hot method up to three times, on a
/// background thread, and in this benchmark's first minute it kept going: with a fixed 10,000-ad warm-up the timed
/// phases still spent 300–1,300 ms of JIT each (up to half a core for a one-second phase; docs/performance.md), so
/// they measured start-up rather than the server a platform runs for weeks. Each pass here is a whole round, results
/// thrown away; the passes stop once one compiles for less than 2 % of its own duration.
/// </summary>
public static class JitWarmUp
{
    private const double SettledShare = 0.02;

    public static async Task RunAsync(Func<Task> pass, TextWriter log, int maxPasses = 10)
    {
        for (var i = 1; i <= maxPasses; i++)
        {
            var (elapsed, jit, methods) = await TimeAsync(pass);
            log.WriteLine($"  warm-up pass {i}: {elapsed.TotalSeconds:N1} s, JIT {jit.TotalMilliseconds:N0} ms ({methods:N0} methods)");
            if (jit.TotalMilliseconds < SettledShare * elapsed.TotalMilliseconds) return;
        }
        log.WriteLine($"  warning: the JIT was still compiling after {maxPasses} warm-up passes; the first rounds may be slower");
    }

    /// <summary>How long <paramref name="action"/> took, and the JIT time and methods compiled meanwhile (on every thread).</summary>
    public static async Task<(TimeSpan Elapsed, TimeSpan Jit, long Methods)> TimeAsync(Func<Task> action)
    {
        var jitBefore = JitInfo.GetCompilationTime();
        var methodsBefore = JitInfo.GetCompiledMethodCount();
        var watch = Stopwatch.StartNew();
        await action();
        return (watch.Elapsed, JitInfo.GetCompilationTime() - jitBefore, JitInfo.GetCompiledMethodCount() - methodsBefore);
    }
}
