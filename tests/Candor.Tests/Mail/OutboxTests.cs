using Candor.Data;
using Candor.Features.Mail;
using Candor.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Candor.Tests.Mail;

/// <summary>
/// The outbox and its sender over a real database of each engine and a real SMTP server. Each test has a database of
/// its own with no web host, so no background sender races the senders the test drives.
/// </summary>
public abstract class OutboxTests(AppFixture app) : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
    private ServiceProvider _storage = null!;
    private TestMailServer _mail = null!;
    private static readonly ILogger Log = NullLogger.Instance;

    public async Task InitializeAsync()
    {
        var setting = DatabaseSetting.Parse(app.Engine == DatabaseEngine.Sqlite
            ? TestFiles.NewSqlitePath("outbox") : await PostgresServer.CreateDatabaseAsync("outbox"));
        _storage = new ServiceCollection().AddLogging().AddCandorStorage(setting).BuildServiceProvider();
        await WithDbAsync(async db => { await Schema.MigrateAsync(db, default); return 0; });
        _mail = await TestMailServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _mail.DisposeAsync();
        await _storage.DisposeAsync();
    }

    private SmtpOptions Smtp => new() { Host = "127.0.0.1", Port = _mail.Port, UseTls = false, From = "candor@test.example" };

    private async Task<T> WithDbAsync<T>(Func<CandorDb, Task<T>> action)
    {
        await using var scope = _storage.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<CandorDb>());
    }

    private Task<long> EnqueueAsync(string to, bool sensitive = false) => WithDbAsync(async db =>
    {
        var message = Outbox.Enqueue(db, _clock, "test", to, "Hello", "A body with a link", sensitive: sensitive);
        await db.SaveChangesAsync();
        return message.Id;
    });

    private Task<OutboxMessage> ReadAsync(long id) => WithDbAsync(db => db.OutboxMessages.AsNoTracking().FirstAsync(m => m.Id == id));

    private Task<int> SendAsync(string owner = "sender-1") => WithDbAsync(db => OutboxSender.RunOnceAsync(db, _clock, Smtp, owner, Log, default));

    [Fact]
    public async Task A_queued_message_is_sent_once_and_a_sensitive_body_is_erased()
    {
        var id = await EnqueueAsync("one@example.org", sensitive: true);

        Assert.Equal(1, await SendAsync());
        Assert.Equal(0, await SendAsync());

        var message = await ReadAsync(id);
        Assert.Equal(OutboxState.Sent, message.State);
        Assert.Equal(1, message.Attempts);
        Assert.Equal(_clock.GetUtcNow(), message.SentAt);
        Assert.Equal("", message.Body);
        var received = Assert.Single(_mail.To("one@example.org"));
        Assert.Equal("Hello", received.Subject);
        Assert.Contains("A body with a link", received.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_message_waits_its_backoff_then_is_sent()
    {
        var id = await EnqueueAsync("retry@example.org");
        _mail.Refuse = true;

        await SendAsync();
        var failed = await ReadAsync(id);
        _mail.Refuse = false;
        var tooEarly = await SendAsync();
        _clock.Advance(OutboxRetry.Delay(1));
        await SendAsync();

        Assert.Equal(OutboxState.Queued, failed.State);
        Assert.Equal(1, failed.Attempts);
        Assert.NotNull(failed.LastError);
        Assert.Equal(failed.CreatedAt + OutboxRetry.Delay(1), failed.NextAttemptAt);
        Assert.Null(failed.LeaseUntil);
        Assert.Equal(0, tooEarly);
        var sent = await ReadAsync(id);
        Assert.Equal(OutboxState.Sent, sent.State);
        Assert.Equal(2, sent.Attempts);
        Assert.Null(sent.LastError);
        Assert.Single(_mail.To("retry@example.org"));
    }

    [Fact]
    public async Task After_the_last_attempt_a_message_is_marked_failed()
    {
        var id = await EnqueueAsync("never@example.org");
        _mail.Refuse = true;
        for (var i = 1; i <= OutboxRetry.MaxAttempts; i++)
        {
            await SendAsync();
            _clock.Advance(OutboxRetry.Delay(i));
        }

        Assert.Equal(0, await SendAsync());
        var message = await ReadAsync(id);
        Assert.Equal(OutboxState.Failed, message.State);
        Assert.Equal(OutboxRetry.MaxAttempts, message.Attempts);
    }

    [Fact]
    public async Task A_message_leased_by_a_sender_that_died_is_sent_after_the_lease_runs_out()
    {
        var id = await EnqueueAsync("lease@example.org");
        var until = _clock.GetUtcNow() + OutboxSender.Lease;
        await WithDbAsync(db => db.OutboxMessages.Where(m => m.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeaseUntil, until).SetProperty(m => m.LeaseOwner, "dead-node")));

        var whileLeased = await SendAsync();
        _clock.Advance(OutboxSender.Lease + TimeSpan.FromSeconds(1));
        var afterLease = await SendAsync();

        Assert.Equal(0, whileLeased);
        Assert.Equal(1, afterLease);
        Assert.Single(_mail.To("lease@example.org"));
    }

    [Fact]
    public async Task Senders_running_at_once_send_each_message_once()
    {
        var addresses = Enumerable.Range(0, 15).Select(i => $"many{i}-{Guid.NewGuid():N}@example.org").ToList();
        foreach (var address in addresses) await EnqueueAsync(address);

        var handled = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => Task.Run(() => SendAsync($"sender-{i}"))));

        Assert.Equal(addresses.Count, handled.Sum());
        Assert.All(addresses, a => Assert.Single(_mail.To(a)));
    }

    [Fact]
    public async Task A_message_whose_transaction_rolls_back_is_never_queued()
    {
        var to = $"rollback-{Guid.NewGuid():N}@example.org";
        await WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            Outbox.Enqueue(db, _clock, "test", to, "Hello", "Body");
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
            return 0;
        });

        Assert.Equal(0, await SendAsync());
        Assert.False(await WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.To == to)));
    }
}

public sealed class OutboxTests_Sqlite(SqliteApp app) : OutboxTests(app), IClassFixture<SqliteApp>;

public sealed class OutboxTests_Postgres(PostgresApp app) : OutboxTests(app), IClassFixture<PostgresApp>;
