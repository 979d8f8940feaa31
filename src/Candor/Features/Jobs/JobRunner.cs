using Candor.Data;

namespace Candor.Features.Jobs;

public sealed class JobsOptions
{
    /// <summary>Whether `candor serve` runs background jobs on this node (several nodes may all do so).</summary>
    public bool Enabled { get; set; } = true;
    /// <summary>Jobs this node runs at once.</summary>
    public int Concurrency { get; set; } = 2;
    /// <summary>How often an idle node looks for work queued by other nodes.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
    /// <summary>How long a claim holds without a heartbeat; a dead node's jobs are taken over after this.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(60);
}

public sealed record JobHandlerType(string Kind, Type HandlerType);

/// <summary>Claims ready jobs and runs their handlers. Used by the background service and by `candor jobs run`.</summary>
public sealed class JobRunner(IServiceScopeFactory scopes, IEnumerable<JobHandlerType> handlers, JobsOptions options,
    ILogger<JobRunner> logger)
{
    private readonly Dictionary<string, Type> _handlers = handlers.ToDictionary(h => h.Kind, h => h.HandlerType);

    public string NodeId { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    public IReadOnlyCollection<string> Kinds => _handlers.Keys;

    /// <summary>Runs ready jobs one after another until none is left; returns how many ran.</summary>
    public async Task<int> RunUntilIdleAsync(CancellationToken ct)
    {
        var count = 0;
        while (await RunOneAsync(ct)) count++;
        return count;
    }

    /// <summary>Claims one ready job and runs it to an outcome; false when no job was ready.</summary>
    public async Task<bool> RunOneAsync(CancellationToken ct)
    {
        if (_handlers.Count == 0) return false;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CandorDb>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var lease = await JobLease.ClaimNextAsync(db, clock, Kinds, NodeId, options.LeaseDuration, ct);
        if (lease is null) return false;

        var job = await lease.LoadAsync(ct);
        var handler = (IJobHandler)ActivatorUtilities.GetServiceOrCreateInstance(scope.ServiceProvider, _handlers[job.Kind]);
        using var stopHeartbeat = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var leaseLost = new CancellationTokenSource();
        var heartbeat = HeartbeatAsync(lease.JobId, leaseLost, stopHeartbeat.Token);
        using var runToken = CancellationTokenSource.CreateLinkedTokenSource(ct, leaseLost.Token);
        try
        {
            logger.LogInformation("job {Id} ({Kind}) attempt {Attempt} started", job.Id, job.Kind, job.Attempts);
            var outcome = await handler.RunAsync(new JobContext(job, scope.ServiceProvider, lease), runToken.Token);
            await StopAsync(stopHeartbeat, heartbeat);
            if (outcome.Succeeded)
            {
                await lease.CompleteAsync(CancellationToken.None);
                logger.LogInformation("job {Id} ({Kind}) succeeded", job.Id, job.Kind);
            }
            else
            {
                await lease.FailAsync(outcome.Error ?? "failed", outcome.Permanent, outcome.RetryAfter, job.Attempts,
                    job.MaxAttempts, CancellationToken.None);
                logger.LogWarning("job {Id} ({Kind}) attempt {Attempt} failed: {Error}", job.Id, job.Kind, job.Attempts, outcome.Error);
            }
        }
        catch (OperationCanceledException) when (leaseLost.IsCancellationRequested)
        {
            await StopAsync(stopHeartbeat, heartbeat);
            logger.LogWarning("job {Id} ({Kind}): lease lost to another node, stopped", job.Id, job.Kind);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await StopAsync(stopHeartbeat, heartbeat);
            await lease.ReleaseAsync(CancellationToken.None);
            logger.LogInformation("job {Id} ({Kind}) released at shutdown", job.Id, job.Kind);
            throw;
        }
#pragma warning disable CA1031 // Any failure of a handler is recorded on the job and retried; the runner goes on.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            await StopAsync(stopHeartbeat, heartbeat);
            await lease.FailAsync($"{ex.GetType().Name}: {ex.Message}", permanent: false, retryAfter: null, job.Attempts,
                job.MaxAttempts, CancellationToken.None);
            logger.LogWarning(ex, "job {Id} ({Kind}) attempt {Attempt} threw", job.Id, job.Kind, job.Attempts);
        }
        return true;
    }

    /// <summary>Renews the lease while the handler runs, on its own connection (the handler's context is busy).</summary>
    private async Task HeartbeatAsync(long jobId, CancellationTokenSource leaseLost, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(options.LeaseDuration / 3);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                await using var scope = scopes.CreateAsyncScope();
                var lease = new JobLease(scope.ServiceProvider.GetRequiredService<CandorDb>(),
                    scope.ServiceProvider.GetRequiredService<TimeProvider>(), jobId, NodeId, options.LeaseDuration);
                if (!await lease.RenewAsync(stop))
                {
                    await leaseLost.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private static async Task StopAsync(CancellationTokenSource stop, Task heartbeat)
    {
        await stop.CancelAsync();
        await heartbeat;
    }
}

/// <summary>`candor serve`'s worker loop: up to <see cref="JobsOptions.Concurrency"/> jobs at once on this node.</summary>
public sealed class JobRunnerService(JobRunner runner, JobsOptions options, ILogger<JobRunnerService> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Math.Max(1, options.Concurrency)).Select(_ => WorkerAsync(stoppingToken)));

    private async Task WorkerAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var wake = JobSignal.NextAsync();
            try
            {
                if (await runner.RunOneAsync(ct)) continue;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A database outage must not kill the worker; it tries again after the poll interval.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                logger.LogWarning(ex, "job runner could not claim work");
            }
            try
            {
                await Task.WhenAny(wake, Task.Delay(options.PollInterval, ct)).WaitAsync(ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
