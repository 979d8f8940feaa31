using System.Numerics;
using System.Runtime.CompilerServices;

namespace Candor.Features.Screening.Matching;

/// <summary>
/// An immutable multimap from 64-bit key to vocabulary ids, stored flat: an open-addressing table of the distinct keys,
/// one array of offsets and one of ids, so that a million keys cost five arrays, not two million objects, and a lookup
/// is a multiply, a mask and usually one probe.
/// </summary>
internal sealed class KeyTable
{
    private readonly ulong[] _slotKeys;
    private readonly int[] _slotGroups;   // 1 + the key's group in _starts, 0 for an empty slot
    private readonly int _shift;
    private readonly int[] _starts;
    private readonly int[] _ids;

    private KeyTable(ulong[] slotKeys, int[] slotGroups, int shift, int[] starts, int[] ids)
    {
        _slotKeys = slotKeys;
        _slotGroups = slotGroups;
        _shift = shift;
        _starts = starts;
        _ids = ids;
    }

    public int Count => _starts.Length - 1;

    public ReadOnlySpan<int> this[ulong key]
    {
        get
        {
            var mask = _slotKeys.Length - 1;
            for (var slot = Slot(key, _shift); ; slot = (slot + 1) & mask)
            {
                var group = _slotGroups[slot];
                if (group == 0) return default;
                if (_slotKeys[slot] == key) return _ids.AsSpan(_starts[group - 1], _starts[group] - _starts[group - 1]);
            }
        }
    }

    // Fibonacci hashing: the top bits of key × 2^64/φ, so that keys differing only in low bits still spread.
    private static int Slot(ulong key, int shift) => (int)((key * 0x9E3779B97F4A7C15UL) >> shift);

    /// <summary>
    /// Builds the table from parallel arrays of keys and ids (both are reordered in place); duplicate (key, id) pairs
    /// are kept once and each key's ids come out ascending, whatever order the pairs arrive in.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static KeyTable Build(ulong[] keys, int[] ids)
    {
        SortByKey(keys, ids);
        var starts = new List<int>(keys.Length / 2 + 1);
        var distinct = new List<ulong>(keys.Length / 2 + 1);
        var kept = 0;
        for (var i = 0; i < keys.Length;)
        {
            var end = i + 1;
            while (end < keys.Length && keys[end] == keys[i]) end++;
            Array.Sort(ids, i, end - i);
            distinct.Add(keys[i]);
            starts.Add(kept);
            for (var k = i; k < end; k++)
                if (k == i || ids[k] != ids[k - 1]) ids[kept++] = ids[k];
            i = end;
        }
        starts.Add(kept);

        // At most half full, so that probe runs stay short.
        var capacity = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(2, distinct.Count * 2));
        var shift = 64 - BitOperations.Log2((uint)capacity);
        var slotKeys = new ulong[capacity];
        var slotGroups = new int[capacity];
        for (var g = 0; g < distinct.Count; g++)
        {
            var slot = Slot(distinct[g], shift);
            while (slotGroups[slot] != 0) slot = (slot + 1) & (capacity - 1);
            slotKeys[slot] = distinct[g];
            slotGroups[slot] = g + 1;
        }
        return new KeyTable(slotKeys, slotGroups, shift, [.. starts], ids[..kept]);
    }

    // Hashed keys are uniform, so splitting on the top bits gives even parts that sort on separate cores and
    // concatenate into one sorted array. Sorting primitive keys with their ids alongside beats sorting tuples.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SortByKey(ulong[] keys, int[] ids)
    {
        var parts = Math.Min(Environment.ProcessorCount, 16);
        if (parts < 2 || keys.Length < 100_000)
        {
            Array.Sort(keys, ids);
            return;
        }
        var bits = BitOperations.Log2(BitOperations.RoundUpToPowerOf2((uint)parts));
        var buckets = 1 << bits;
        var starts = new int[buckets + 1];
        foreach (var key in keys) starts[(int)(key >> (64 - bits)) + 1]++;
        for (var b = 0; b < buckets; b++) starts[b + 1] += starts[b];
        var next = starts[..^1];
        var sortedKeys = new ulong[keys.Length];
        var sortedIds = new int[ids.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            var at = next[(int)(keys[i] >> (64 - bits))]++;
            sortedKeys[at] = keys[i];
            sortedIds[at] = ids[i];
        }
        Parallel.For(0, buckets, b => Array.Sort(sortedKeys, sortedIds, starts[b], starts[b + 1] - starts[b]));
        sortedKeys.CopyTo(keys, 0);
        sortedIds.CopyTo(ids, 0);
    }
}
