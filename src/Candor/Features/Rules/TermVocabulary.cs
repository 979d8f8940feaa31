using System.Collections.Concurrent;

namespace Candor.Features.Rules;

/// <summary>
/// Every word of every term list compiled in this process, numbered. A text's words are looked up here once (one hash
/// per word) and kept as numbers (<see cref="FoldedText.WordIds"/>); each term list then compares integers. With a dozen
/// term lists read by 30+ rules, hashing every word of an ad once per list was most of the evaluation's cost.
/// Words are only added (term lists are small and change rarely), so a number never changes meaning.
/// </summary>
public static class TermVocabulary
{
    private static readonly ConcurrentDictionary<string, int> Ids = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> Lookup = Ids.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly Lock Gate = new();
    private static int _count;

    /// <summary>How many words are numbered: a text numbered when this was n knows every word added before.</summary>
    public static int Version => Volatile.Read(ref _count);

    public static int Add(string word)
    {
        if (Ids.TryGetValue(word, out var id)) return id;
        lock (Gate)
        {
            if (Ids.TryGetValue(word, out id)) return id;
            id = _count;
            Ids[word] = id;
            Volatile.Write(ref _count, id + 1);
            return id;
        }
    }

    /// <summary>The word's number, or -1 when no term list has it.</summary>
    public static int Find(ReadOnlySpan<char> word) => Lookup.TryGetValue(word, out var id) ? id : -1;
}
