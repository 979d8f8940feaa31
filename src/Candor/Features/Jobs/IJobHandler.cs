namespace Candor.Features.Jobs;

/// <summary>
/// Does the work of one kind of job. Each feature with background work has its own implementation, registered
/// with <see cref="JobsRegistration.AddJobHandler{T}"/> under its kind; a handler is resolved in a fresh scope for every run.
/// </summary>
public interface IJobHandler
{
    /// <summary>
    /// Runs (or resumes, from <see cref="JobContext.Checkpoint"/>) the job. Throwing means "try again later" with
    /// backoff until the job's attempts are used up; return <see cref="JobOutcome.Fail"/> for a permanent failure.
    /// </summary>
    Task<JobOutcome> RunAsync(JobContext context, CancellationToken ct);
}

public sealed record JobOutcome(bool Succeeded, bool Permanent, string? Error, TimeSpan? RetryAfter)
{
    public static readonly JobOutcome Done = new(true, false, null, null);

    /// <summary>Not done yet, try again after <paramref name="delay"/> (e.g. the remote side answered 503).</summary>
    public static JobOutcome RetryLater(string error, TimeSpan? delay = null) => new(false, false, error, delay);

    /// <summary>Will never succeed (bad payload, deleted subject): stop retrying.</summary>
    public static JobOutcome Fail(string error) => new(false, true, error, null);
}
