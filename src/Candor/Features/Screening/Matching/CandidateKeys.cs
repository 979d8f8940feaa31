namespace Candor.Features.Screening.Matching;

/// <summary>
/// The lookup keys of a token: itself, each one-character deletion (so edits on both sides meet: a symmetric-delete
/// index), and its sound skeleton. Keys are 64-bit hashes, not strings: an index holds about a million of them, and
/// as strings they made building slow and garbage collection pauses long. A rare hash collision only adds a
/// candidate, which the similarity check then drops. Shared by build and search so both sides always agree.
/// </summary>
internal static class CandidateKeys
{
    public const int MinDeletionLength = 3;
    public const int MinSkeletonLength = 3;
    public const int MaxKeyedLength = 64;
    private const ulong SkeletonSeed = 0x9E3779B97F4A7C15;

    /// <summary>Every key of a single word of the vocabulary.</summary>
    public static void ForWord(string token, List<ulong> keys)
    {
        keys.Add(Exact(token));
        if (token.Length > MaxKeyedLength) return;
        if (token.Length >= MinDeletionLength)
            for (var i = 0; i < token.Length; i++) keys.Add(Deletion(token, i));
        if (Skeleton(token) is { } skeleton) keys.Add(skeleton);
    }

    public static ulong Exact(ReadOnlySpan<char> token) => Hash(token, default, 0);

    /// <summary>The key of <paramref name="token"/> with the character at <paramref name="at"/> deleted.</summary>
    public static ulong Deletion(ReadOnlySpan<char> token, int at) => Hash(token[..at], token[(at + 1)..], 0);

    public static ulong? Skeleton(string token)
    {
        Span<char> buffer = stackalloc char[TokenSimilarity.MaxSkeletonLength];
        var skeleton = TokenSimilarity.Skeleton(token, buffer);
        return skeleton.Length >= MinSkeletonLength ? Hash(skeleton, default, SkeletonSeed) : null;
    }

    /// <summary>The key of two words written together ("al" + "qaida" is keyed as "alqaida").</summary>
    public static ulong Joined(ReadOnlySpan<char> left, ReadOnlySpan<char> right) => Hash(left, right, 0);

    // FNV-1a over the UTF-16 code units of two spans read as one.
    private static ulong Hash(ReadOnlySpan<char> first, ReadOnlySpan<char> second, ulong seed)
    {
        var hash = 14695981039346656037UL ^ seed;
        foreach (var c in first) hash = (hash ^ c) * 1099511628211UL;
        foreach (var c in second) hash = (hash ^ c) * 1099511628211UL;
        return hash;
    }

    /// <summary>The initials of a name's words, when it has at least three: the key under which its acronym is found.</summary>
    public static string? Initials(NameToken[] tokens)
    {
        Span<char> initials = stackalloc char[12];
        var count = 0;
        foreach (var token in tokens)
        {
            if (token.Role is not (TokenRole.Word or TokenRole.Initial)) continue;
            if (count == initials.Length) return null;
            initials[count++] = token.Text[0];
        }
        return count >= 3 ? new string(initials[..count]) : null;
    }
}
