namespace Candor.Features.Screening.Matching;

/// <summary>
/// The lookup keys of a token: itself, each one-character deletion (so edits on both sides meet: a symmetric-delete
/// index), and its sound skeleton. Shared by index build and search so that both sides always agree.
/// </summary>
internal static class CandidateKeys
{
    public const int MinDeletionLength = 4;
    public const int MinSkeletonLength = 3;

    public static IEnumerable<string> For(string token)
    {
        yield return token;
        if (token.Length >= MinDeletionLength)
            for (var i = 0; i < token.Length; i++)
                yield return string.Concat(token.AsSpan(0, i), token.AsSpan(i + 1));
        var skeleton = TokenSimilarity.Skeleton(token);
        if (skeleton.Length >= MinSkeletonLength) yield return "#" + skeleton;
    }

    /// <summary>The initials of a name's words, when it has at least two: the key under which its acronym is found.</summary>
    public static string? Initials(NameToken[] tokens)
    {
        var words = tokens.Where(t => t.Role is TokenRole.Word or TokenRole.Initial).ToList();
        return words.Count is >= 2 and <= 12 ? string.Concat(words.Select(w => w.Text[0])) : null;
    }
}
