using Candor.Data;
using Candor.Features.Notices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Candor.Features.Mail;

/// <summary>
/// Sends queued mail in the background of <c>candor serve</c>. Each message is leased before sending (a conditional
/// update only one node can win), so several nodes never send the same message; a node that dies mid-send leaves a
/// lease that runs out, and another node sends the message then.
/// </summary>
public sealed class OutboxSender(IServiceScopeFactory scopes, TimeProvider clock, IOptions<SmtpOptions> options, ILogger<OutboxSender> log)
    : BackgroundService
{
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);
    private const int BatchSize = 20;

    private readonly string _owner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";
    private readonly SemaphoreSlim _wake = new(0, 1);

    /// <summary>Sends now rather than at the next poll; call after committing new messages.</summary>
    public void Wake()
    {
        if (_wake.CurrentCount == 0) try { _wake.Release(); } catch (SemaphoreFullException) { }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.IsConfigured)
        {
            log.LogWarning("{Notice}", SmtpOptions.NotConfiguredNotice);
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var sent = await RunOnceAsync(scope.ServiceProvider.GetRequiredService<CandorDb>(), clock, options.Value, _owner, log, stoppingToken);
                if (sent == BatchSize) continue;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is DbUpdateException or System.Data.Common.DbException or InvalidOperationException)
            {
                // The database may be restarting; the next poll tries again.
                log.LogWarning(ex, "Mail outbox poll failed");
            }
            try { await _wake.WaitAsync(PollInterval, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>Leases up to a batch of due messages, sends them and records each outcome. Returns how many it handled.</summary>
    public static async Task<int> RunOnceAsync(CandorDb db, TimeProvider clock, SmtpOptions smtp, string owner, ILogger log, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var due = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.State == OutboxState.Queued && m.NextAttemptAt <= now && (m.LeaseUntil == null || m.LeaseUntil < now))
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id).Select(m => m.Id).Take(BatchSize).ToListAsync(ct);
        var handled = 0;
        foreach (var id in due)
        {
            var leaseUntil = clock.GetUtcNow() + Lease;
            var leased = await db.OutboxMessages
                .Where(m => m.Id == id && m.State == OutboxState.Queued && (m.LeaseUntil == null || m.LeaseUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeaseUntil, leaseUntil).SetProperty(m => m.LeaseOwner, owner), ct);
            if (leased != 1) continue; // another node took it
            var message = await db.OutboxMessages.AsNoTracking().FirstAsync(m => m.Id == id, ct);
            handled++;
            try
            {
                await SmtpDelivery.SendAsync(smtp, message, ct);
                var sentAt = clock.GetUtcNow();
                await db.OutboxMessages.Where(m => m.Id == id && m.LeaseOwner == owner).ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.State, OutboxState.Sent)
                    .SetProperty(m => m.SentAt, sentAt)
                    .SetProperty(m => m.Attempts, m => m.Attempts + 1)
                    .SetProperty(m => m.LastError, (string?)null)
                    .SetProperty(m => m.LeaseUntil, (DateTimeOffset?)null)
                    .SetProperty(m => m.LeaseOwner, (string?)null)
                    .SetProperty(m => m.Body, m => m.Sensitive ? "" : m.Body), CancellationToken.None);
                if (message.DecisionId is { } decisionId) await NoticeEmail.RecordSentAsync(db, decisionId, message.Kind, sentAt, CancellationToken.None);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                var attempts = message.Attempts + 1;
                var error = ex.GetBaseException().Message;
                log.LogWarning("Mail {Id} to the outbox recipient failed (attempt {Attempts}): {Error}", id, attempts, error);
                var giveUp = OutboxRetry.GiveUp(attempts);
                var next = clock.GetUtcNow() + OutboxRetry.Delay(attempts);
                await db.OutboxMessages.Where(m => m.Id == id && m.LeaseOwner == owner).ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.State, giveUp ? OutboxState.Failed : OutboxState.Queued)
                    .SetProperty(m => m.Attempts, attempts)
                    .SetProperty(m => m.LastError, error.Length > 1000 ? error[..1000] : error)
                    .SetProperty(m => m.NextAttemptAt, next)
                    .SetProperty(m => m.LeaseUntil, (DateTimeOffset?)null)
                    .SetProperty(m => m.LeaseOwner, (string?)null), CancellationToken.None);
            }
        }
        return handled;
    }
}
