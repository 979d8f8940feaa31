namespace Candor.Features.Screening.Matching;

/// <summary>
/// An immutable multimap from 64-bit key to vocabulary ids, stored flat (one dictionary to a slot, one array of
/// offsets, one array of ids) so that a million keys cost three objects, not two million.
/// </summary>
internal sealed class KeyTable
{
    private readonly Dictionary<ulong, int> _slots;
    private readonly int[] _starts;
    private readonly int[] _ids;

    private KeyTable(Dictionary<ulong, int> slots, int[] starts, int[] ids)
    {
        _slots = slots;
        _starts = starts;
        _ids = ids;
    }

    public int Count => _slots.Count;

    public ReadOnlySpan<int> this[ulong key] =>
        _slots.TryGetValue(key, out var slot) ? _ids.AsSpan(_starts[slot], _starts[slot + 1] - _starts[slot]) : default;

    public static KeyTable Build(List<(ulong Key, int Id)> pairs)
    {
        pairs.Sort();
        var slots = new Dictionary<ulong, int>(pairs.Count / 2);
        var starts = new List<int>();
        var ids = new List<int>(pairs.Count);
        for (var i = 0; i < pairs.Count; i++)
        {
            var (key, id) = pairs[i];
            if (i == 0 || key != pairs[i - 1].Key)
            {
                slots[key] = starts.Count;
                starts.Add(ids.Count);
            }
            else if (id == pairs[i - 1].Id) continue;
            ids.Add(id);
        }
        starts.Add(ids.Count);
        return new KeyTable(slots, [.. starts], [.. ids]);
    }
}
