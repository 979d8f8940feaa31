using Candor.Infrastructure;

namespace Candor.Features.Ads;

/// <summary>Validates each record of a batch and refuses an id sent twice in one batch.</summary>
public static class BatchValidation
{
    public static (List<(int Index, T Record)> Valid, FieldErrors Errors, HashSet<int> Rejected) Validate<T>(
        IReadOnlyList<T?> records, Action<T, string, FieldErrors> validate, Func<T, string?> idOf)
        where T : class
    {
        var errors = new FieldErrors();
        var rejected = new HashSet<int>();
        var valid = new List<(int, T)>(records.Count);
        var firstIndexOfId = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            var before = errors.Count;
            if (record is null) errors.Add($"[{i}]", "must be an object, not null");
            else
            {
                validate(record, $"[{i}].", errors);
                var id = idOf(record)?.Trim();
                if (errors.Count == before && id is not null && !firstIndexOfId.TryAdd(id, i))
                    errors.Add($"[{i}].id", $"'{Fields.Shorten(id)}' is also sent at index {firstIndexOfId[id]}; send each id once per call");
            }
            if (errors.Count > before) rejected.Add(i);
            else valid.Add((i, record!));
        }
        return (valid, errors, rejected);
    }
}
