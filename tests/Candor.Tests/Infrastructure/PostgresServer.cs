using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Candor.Tests.Infrastructure;

/// <summary>
/// One throwaway PostgreSQL server per test run: initdb into a temp folder, pg_ctl start on a free loopback
/// port, stopped and deleted when the run ends. Set CANDOR_TEST_POSTGRES to an admin connection string to
/// use an existing server instead.
/// </summary>
public static class PostgresServer
{
    private static readonly Lazy<Task<string>> Started = new(StartAsync);
    private static int _databaseCounter;

    public static Task<string> AdminConnectionStringAsync() => Started.Value;

    /// <summary>A new empty database on the shared server, so each fixture starts clean.</summary>
    public static async Task<string> CreateDatabaseAsync(string purpose)
    {
        var admin = await AdminConnectionStringAsync();
        var name = $"candor_{purpose}_{Environment.ProcessId}_{Interlocked.Increment(ref _databaseCounter)}".ToLowerInvariant();
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(admin) { Database = name, MaxPoolSize = 20 }.ConnectionString;
    }

    private static async Task<string> StartAsync()
    {
        if (Environment.GetEnvironmentVariable("CANDOR_TEST_POSTGRES") is { Length: > 0 } existing) return existing;
        var bin = FindBinDirectory();
        var asRoot = Environment.UserName == "root";
        StopServersOfEndedRuns(asRoot, bin);
        var dataDir = Path.Combine(Path.GetTempPath(), $"{FolderPrefix}{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dataDir);
        if (asRoot) await RunAsync("chown", ["postgres:postgres", dataDir]);
        var port = FreePort();
        await RunPgAsync(asRoot, Path.Combine(bin, "initdb"), ["-D", dataDir, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync", "--locale=C"]);
        var settings = $"-p {port} -k {dataDir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off " +
                       "-c full_page_writes=off -c max_connections=400 -c shared_buffers=128MB";
        await RunPgAsync(asRoot, Path.Combine(bin, "pg_ctl"), ["-D", dataDir, "-o", settings, "-l", Path.Combine(dataDir, "server.log"), "-w", "-t", "60", "start"]);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop(asRoot, bin, dataDir);
        return $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=true;Include Error Detail=true";
    }

    private const string FolderPrefix = "candor-pg-";

    /// <summary>
    /// The test host is sometimes ended without running exit handlers, which would leave its server running.
    /// A server whose test process (named in its folder) is gone is stopped and deleted before a new one starts.
    /// </summary>
    private static void StopServersOfEndedRuns(bool asRoot, string bin)
    {
        foreach (var folder in Directory.GetDirectories(Path.GetTempPath(), FolderPrefix + "*"))
        {
            var pidText = Path.GetFileName(folder)[FolderPrefix.Length..].Split('-')[0];
            if (!int.TryParse(pidText, System.Globalization.CultureInfo.InvariantCulture, out var pid) || IsRunning(pid)) continue;
            Stop(asRoot, bin, folder);
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void Stop(bool asRoot, string bin, string dataDir)
    {
        try
        {
            if (File.Exists(Path.Combine(dataDir, "postmaster.pid")))
                RunPgAsync(asRoot, Path.Combine(bin, "pg_ctl"), ["-D", dataDir, "-m", "immediate", "-w", "stop"]).GetAwaiter().GetResult();
            Directory.Delete(dataDir, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"Could not stop the test PostgreSQL in {dataDir}: {ex.Message}");
        }
    }

    private static string FindBinDirectory()
    {
        var versions = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Where(d => File.Exists(Path.Combine(d, "bin", "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0).ToList()
            : [];
        return versions.Count > 0
            ? Path.Combine(versions[0], "bin")
            : throw new InvalidOperationException("PostgreSQL server binaries not found under /usr/lib/postgresql; run ./test.sh, which installs them.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Task RunPgAsync(bool asRoot, string program, string[] args) =>
        asRoot ? RunAsync("runuser", ["-u", "postgres", "--", program, .. args]) : RunAsync(program, args);

    private static async Task RunAsync(string program, string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/tmp" };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed ({process.ExitCode}): {await stderr}{await stdout}");
    }
}
