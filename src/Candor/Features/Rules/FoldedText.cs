using Candor.Infrastructure;

namespace Candor.Features.Rules;

/// <summary>
/// Text folded for matching (lowercase, accents removed, as <see cref="SearchText.Fold"/>) and cut into words: runs of
/// letters and digits. Word boundaries therefore work for every script that separates words (Latin, Greek, Cyrillic,
/// Arabic, Hebrew…); terms in scripts without spaces (CJK, Thai) are matched as substrings instead.
/// </summary>
public sealed class FoldedText
{
    public static readonly FoldedText Empty = new(string.Empty, []);

    private FoldedText(string text, (int Start, int Length)[] words)
    {
        Text = text;
        Words = words;
    }

    public string Text { get; }
    public (int Start, int Length)[] Words { get; }

    public ReadOnlySpan<char> Word(int index) => Text.AsSpan(Words[index].Start, Words[index].Length);

    private NumberedWords? _numbered;

    /// <summary>
    /// The <see cref="TermVocabulary"/> number of each word (-1 for words no term list has), numbered against a
    /// vocabulary of at least <paramref name="version"/> words and kept for the next term list that reads this text.
    /// </summary>
    public int[] WordIds(int version)
    {
        if (Words.Length == 0) return [];
        var numbered = _numbered;
        if (numbered is not null && numbered.Version >= version) return numbered.Ids;
        // Read the version before looking up: every word added before it is found.
        var now = TermVocabulary.Version;
        var ids = new int[Words.Length];
        for (var i = 0; i < ids.Length; i++) ids[i] = TermVocabulary.Find(Word(i));
        _numbered = new NumberedWords(now, ids); // one reference write: a racing reader sees the old or the new pair
        return ids;
    }

    private sealed record NumberedWords(int Version, int[] Ids);

    public static FoldedText Of(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw)) return Empty;
        var text = SearchText.Fold(raw);
        return new FoldedText(text, Split(text));
    }

    public static (int Start, int Length)[] Split(string text)
    {
        if (text.Length == 0) return [];
        // At most one word per two characters; the words go to a pooled buffer, then to an array of the exact size.
        var buffer = System.Buffers.ArrayPool<(int, int)>.Shared.Rent(text.Length / 2 + 1);
        try
        {
            var count = 0;
            var start = -1;
            for (var i = 0; i <= text.Length; i++)
            {
                var inWord = i < text.Length && (text[i] < 128 ? AsciiWordChars[text[i]] || (text[i] == '\'' && IsWordChar(text, i)) : IsWordChar(text, i));
                if (inWord && start < 0) start = i;
                else if (!inWord && start >= 0)
                {
                    buffer[count++] = (start, i - start);
                    start = -1;
                }
            }
            return buffer.AsSpan(0, count).ToArray();
        }
        finally
        {
            System.Buffers.ArrayPool<(int, int)>.Shared.Return(buffer);
        }
    }

    private static readonly bool[] AsciiWordChars = Enumerable.Range(0, 128).Select(c => char.IsLetterOrDigit((char)c)).ToArray();

    private static bool IsWordChar(string text, int i) =>
        char.IsLetterOrDigit(text[i]) || char.IsSurrogate(text[i])
        // "e-mail" and "covid-19" stay words only when both sides are letters or digits; apostrophes inside words too.
        || (text[i] is '\'' or '’' && i > 0 && i + 1 < text.Length && char.IsLetter(text[i - 1]) && char.IsLetter(text[i + 1]));
}
