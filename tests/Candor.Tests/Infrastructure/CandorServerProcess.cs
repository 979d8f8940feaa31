using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Candor.Tests.Infrastructure;

/// <summary>A real `candor serve` process (the built executable), for tests of several nodes and of crashes.</summary>
public sealed class CandorServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private CandorServerProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        process.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri BaseAddress { get; }

    public string Output { get { lock (_output) return _output.ToString(); } }

    public static async Task<CandorServerProcess> StartAsync(string database, params string[] extraArguments)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "candor.dll"), "serve", "--db", database, "--urls", $"http://127.0.0.1:{port}" }.Concat(extraArguments))
            start.ArgumentList.Add(arg);
        start.Environment.Remove("CANDOR_PUBLIC_URL");
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        var server = new CandorServerProcess(Process.Start(start)!, new Uri($"http://127.0.0.1:{port}"));
        await server.WaitUntilReadyAsync();
        return server;
    }

    private async Task WaitUntilReadyAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(120))
        {
            if (_process.HasExited) throw new InvalidOperationException($"candor serve exited with {_process.ExitCode}:\n{Output}");
            try
            {
                if ((await client.GetAsync("/readyz")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(100);
        }
        throw new TimeoutException("candor serve did not become ready:\n" + Output);
    }

    /// <summary>Ends the process at once, as a crash or `kill -9` would: no graceful shutdown.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        await Task.CompletedTask;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
