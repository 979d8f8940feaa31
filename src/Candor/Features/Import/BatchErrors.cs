using System.Globalization;
using Candor.Features.Ads;

namespace Candor.Features.Import;

/// <summary>Turns a batch's error keys (<c>[3].media[0].url</c>) back into problems per record index.</summary>
internal static class BatchErrors
{
    public static Dictionary<int, IReadOnlyList<(string Field, string Message)>> ByIndex(BatchResult? result)
    {
        var byIndex = new Dictionary<int, List<(string, string)>>();
        foreach (var (key, messages) in result?.Errors.ToDictionary() ?? new Dictionary<string, string[]>())
        {
            var close = key.IndexOf(']', StringComparison.Ordinal);
            var index = int.Parse(key.AsSpan(1, close - 1), CultureInfo.InvariantCulture);
            var field = close + 1 < key.Length ? key[(close + 1)..].TrimStart('.') : "record";
            if (!byIndex.TryGetValue(index, out var list)) byIndex[index] = list = [];
            list.AddRange(messages.Select(m => (field, m)));
        }
        // A record the handler refused without a field error (none today) still counts as a reject.
        foreach (var index in result?.RejectedIndexes ?? new HashSet<int>())
            if (!byIndex.ContainsKey(index)) byIndex[index] = [("record", "was refused")];
        return byIndex.ToDictionary(e => e.Key, e => (IReadOnlyList<(string, string)>)e.Value);
    }
}
