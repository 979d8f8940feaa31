using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Candor.Tests.Infrastructure;

/// <summary>
/// A real SMTP server (the SmtpServer package) on a free loopback port that keeps every message it accepts, so tests
/// read the emails Candor sent. <see cref="Refuse"/> makes it answer 554, as a broken relay would.
/// </summary>
public sealed class TestMailServer : IAsyncDisposable
{
    private readonly SmtpServer.SmtpServer _server;
    private readonly Task _running;
    private readonly ConcurrentQueue<MimeMessage> _messages = new();

    public int Port { get; }
    public bool Refuse { get; set; }
    public IReadOnlyList<MimeMessage> Messages => [.. _messages];

    private TestMailServer(int port)
    {
        Port = port;
        var options = new SmtpServerOptionsBuilder().ServerName("test-mail").Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, port))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new CapturingStore(this));
        _server = new SmtpServer.SmtpServer(options, services);
        _running = _server.StartAsync(CancellationToken.None);
    }

    public static async Task<TestMailServer> StartAsync()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var server = new TestMailServer(port);
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return server;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }
        throw new InvalidOperationException("The test SMTP server did not start.");
    }

    public IReadOnlyList<MimeMessage> To(string address) =>
        _messages.Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase))).ToList();

    /// <summary>Waits (real time: the sender polls on the wall clock) until a message to <paramref name="address"/> arrives.</summary>
    public async Task<MimeMessage> WaitForAsync(string address, TimeSpan? timeout = null)
    {
        var deadline = Environment.TickCount64 + (long)(timeout ?? TimeSpan.FromSeconds(30)).TotalMilliseconds;
        while (Environment.TickCount64 < deadline)
        {
            if (To(address) is [var message, ..]) return message;
            await Task.Delay(100);
        }
        throw new TimeoutException($"No email to {address} arrived.");
    }

    public async ValueTask DisposeAsync()
    {
        _server.Shutdown();
        await Task.WhenAny(_running, Task.Delay(5000));
    }

    private sealed class CapturingStore(TestMailServer owner) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction,
            ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (owner.Refuse) return SmtpResponse.TransactionFailed;
            await using var stream = new MemoryStream(buffer.ToArray());
            owner._messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
