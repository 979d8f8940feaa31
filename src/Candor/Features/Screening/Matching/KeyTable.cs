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

    /// <summary>Builds the table from parallel lists of keys and ids; duplicate (key, id) pairs are kept once.</summary>
    public static KeyTable Build(List<ulong> keyList, List<int> idList)
    {
        var keys = keyList.ToArray();
        var ids = idList.ToArray();
        // Sorting primitive keys with their ids alongside is several times faster than sorting tuples.
        Array.Sort(keys, ids);
        var slots = new Dictionary<ulong, int>(keys.Length / 4);
        var starts = new List<int>(keys.Length / 4);
        var kept = 0;
        for (var i = 0; i < keys.Length;)
        {
            var end = i + 1;
            while (end < keys.Length && keys[end] == keys[i]) end++;
            Array.Sort(ids, i, end - i);
            slots[keys[i]] = starts.Count;
            starts.Add(kept);
            for (var k = i; k < end; k++)
                if (k == i || ids[k] != ids[k - 1]) ids[kept++] = ids[k];
            i = end;
        }
        starts.Add(kept);
        return new KeyTable(slots, [.. starts], ids[..kept]);
    }
}
