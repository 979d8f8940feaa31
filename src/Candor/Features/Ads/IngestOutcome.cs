using Candor.Infrastructure;

namespace Candor.Features.Ads;

public enum IngestResult
{
    Created,
    Updated,
    Unchanged,
}

/// <summary>What happened to one submitted record.</summary>
public sealed record IngestOutcome(int Index, string Id, IngestResult Result);

/// <summary>
/// The answer to a batch upsert: one outcome per record, in the order sent; with <c>?evaluate=sync</c>, the evaluation of
/// each created or updated record too (unchanged records are not evaluated again).
/// </summary>
public sealed record IngestResponse(int Created, int Updated, int Unchanged, IReadOnlyList<IngestOutcome> Results,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    IReadOnlyList<Evaluations.EvaluatedRecord>? Evaluations = null)
{
    public static IngestResponse From(IReadOnlyList<IngestOutcome> outcomes) => new(
        outcomes.Count(o => o.Result == IngestResult.Created),
        outcomes.Count(o => o.Result == IngestResult.Updated),
        outcomes.Count(o => o.Result == IngestResult.Unchanged),
        outcomes);
}

/// <summary>
/// A batch after storage: the outcomes of the records that were stored, and the errors of those that
/// were not (keyed <c>[index].field</c>).
/// </summary>
public sealed record BatchResult(IReadOnlyList<IngestOutcome> Outcomes, FieldErrors Errors, IReadOnlySet<int> RejectedIndexes)
{
    /// <summary>The evaluation job queued with the stored rows (null when nothing changed).</summary>
    public Evaluations.QueuedEvaluation? Evaluation { get; init; }
}

/// <summary>How a batch treats invalid records: the API refuses the whole call; the importer stores the rest.</summary>
public enum InvalidRecords
{
    RefuseBatch,
    SkipRecord,
}
