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

    public static FoldedText Of(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw)) return Empty;
        var text = SearchText.Fold(raw);
        return new FoldedText(text, Split(text));
    }

    public static (int Start, int Length)[] Split(string text)
    {
        var words = new List<(int, int)>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && IsWordChar(text, i);
            if (inWord && start < 0) start = i;
            else if (!inWord && start >= 0)
            {
                words.Add((start, i - start));
                start = -1;
            }
        }
        return [.. words];
    }

    private static bool IsWordChar(string text, int i) =>
        char.IsLetterOrDigit(text[i]) || char.IsSurrogate(text[i])
        // "e-mail" and "covid-19" stay words only when both sides are letters or digits; apostrophes inside words too.
        || (text[i] is '\'' or '’' && i > 0 && i + 1 < text.Length && char.IsLetter(text[i - 1]) && char.IsLetter(text[i + 1]));
}
