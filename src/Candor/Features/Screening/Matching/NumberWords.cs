using System.Collections.Frozen;

namespace Candor.Features.Screening.Matching;

/// <summary>
/// English number words and ordinals read as the number they spell, so that "Brigade Forty-Four" is "Brigade 44"
/// and "First International Bank" is "1st International Bank": a number then aligns only with the same number.
/// </summary>
public static class NumberWords
{
    private static readonly FrozenDictionary<string, int> Units = new Dictionary<string, int>
    {
        ["zero"] = 0, ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7,
        ["eight"] = 8, ["nine"] = 9, ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12, ["thirteen"] = 13, ["fourteen"] = 14,
        ["fifteen"] = 15, ["sixteen"] = 16, ["seventeen"] = 17, ["eighteen"] = 18, ["nineteen"] = 19,
        ["first"] = 1, ["second"] = 2, ["third"] = 3, ["fourth"] = 4, ["fifth"] = 5, ["sixth"] = 6, ["seventh"] = 7,
        ["eighth"] = 8, ["ninth"] = 9, ["tenth"] = 10, ["eleventh"] = 11, ["twelfth"] = 12,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, int> Tens = new Dictionary<string, int>
    {
        ["twenty"] = 20, ["thirty"] = 30, ["forty"] = 40, ["fifty"] = 50, ["sixty"] = 60, ["seventy"] = 70,
        ["eighty"] = 80, ["ninety"] = 90, ["twentieth"] = 20, ["thirtieth"] = 30, ["fortieth"] = 40, ["fiftieth"] = 50,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The number spelt by the words from <paramref name="start"/> on, and how many words it took; null when none.</summary>
    public static (int Length, string Value)? Match(IReadOnlyList<string> words, int start)
    {
        var word = words[start];
        if (Ordinal(word) is { } digits) return (1, digits);
        if (Units.TryGetValue(word, out var unit)) return (1, Text(unit));
        if (!Tens.TryGetValue(word, out var tens)) return null;
        // "forty four" (or "forty-four", split by the tokenizer): a ten and a unit below ten make one number.
        if (start + 1 < words.Count && Units.TryGetValue(words[start + 1], out var next) && next is > 0 and < 10)
            return (2, Text(tens + next));
        return (1, Text(tens));
    }

    // "1st", "22nd", "3rd", "44th": the digits.
    private static string? Ordinal(string word)
    {
        if (word.Length < 3 || !char.IsAsciiDigit(word[0])) return null;
        var suffix = word.AsSpan(word.Length - 2);
        if (!(suffix is "st" or "nd" or "rd" or "th")) return null;
        var digits = word.AsSpan(0, word.Length - 2);
        return digits.ContainsAnyExceptInRange('0', '9') ? null : digits.ToString();
    }

    private static string Text(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
