using System.Diagnostics;

namespace Candor.Tests.Infrastructure;

public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

/// <summary>
/// Runs the real <c>candor</c> executable as a child process (<c>dotnet candor.dll</c>, copied next to the test
/// assembly by the project reference), with stdout, stderr and the exit code captured.
/// </summary>
public static class CliRunner
{
    public static string CandorDll { get; } = Path.Combine(AppContext.BaseDirectory, "candor.dll");

    public static async Task<CliResult> RunAsync(
        IEnumerable<string> args, string? stdin = null, IReadOnlyDictionary<string, string?>? env = null, TimeSpan? timeout = null)
    {
        using var process = Start(args, env);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null) await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"candor {string.Join(' ', args)} did not finish in time.\n{await stderr}");
        }
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>A running candor process whose output the caller reads (and which it may kill).</summary>
    public static Process Start(IEnumerable<string> args, IReadOnlyDictionary<string, string?>? env = null)
    {
        if (!File.Exists(CandorDll)) throw new FileNotFoundException("candor.dll is not next to the test assembly; build the solution.", CandorDll);
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = TestFiles.Root,
        };
        start.ArgumentList.Add(CandorDll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment.Remove("CANDOR_DB");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in env ?? new Dictionary<string, string?>()) start.Environment[name] = value;
        return Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
    }
}
