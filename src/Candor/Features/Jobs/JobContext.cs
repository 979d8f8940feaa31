using System.Text.Json;
using Candor.Data;
using Candor.Infrastructure;

namespace Candor.Features.Jobs;

/// <summary>What a handler gets for one run: the job, a scoped service provider, and a way to save progress.</summary>
public sealed class JobContext(Job job, IServiceProvider services, JobLease lease)
{
    public long JobId => job.Id;
    public string Kind => job.Kind;
    public int Attempt => job.Attempts;
    public IServiceProvider Services => services;
    public CandorDb Db => services.GetRequiredService<CandorDb>();
    public TimeProvider Clock => services.GetRequiredService<TimeProvider>();
    public string? Checkpoint { get; private set; } = job.CheckpointJson;
    public long ProgressDone { get; private set; } = job.ProgressDone;
    public long? ProgressTotal { get; private set; } = job.ProgressTotal;

    public T Payload<T>() => JsonSerializer.Deserialize<T>(job.PayloadJson, CandorJson.Output)
        ?? throw new InvalidOperationException($"job {job.Id} has an empty payload");

    public T? CheckpointAs<T>() => Checkpoint is null ? default : JsonSerializer.Deserialize<T>(Checkpoint, CandorJson.Output);

    /// <summary>
    /// Saves progress and where to resume, and renews the lease. Throws <see cref="OperationCanceledException"/>
    /// when another node has taken the job over (our lease ran out), so the handler stops instead of racing it.
    /// </summary>
    public async Task ReportProgressAsync(long done, long? total, object? checkpoint, CancellationToken ct)
    {
        var checkpointJson = checkpoint is null ? null : JsonSerializer.Serialize(checkpoint, CandorJson.Output);
        if (!await lease.SaveProgressAsync(done, total, checkpointJson, ct))
            throw new OperationCanceledException($"job {job.Id}: the lease was lost to another node");
        (ProgressDone, ProgressTotal, Checkpoint) = (done, total, checkpointJson);
    }
}
