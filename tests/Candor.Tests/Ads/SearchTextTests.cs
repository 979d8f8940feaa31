using Candor.Infrastructure;

namespace Candor.Tests.Ads;

public sealed class SearchTextTests
{
    [Theory]
    [InlineData("Günstige  Regenjacken\tfür KÖLN", "gunstige regenjacken fur koln")]
    [InlineData("Plain ASCII Text\r\nWith Lines", "plain ascii text with lines")]
    [InlineData("Ελληνικά Ά", "ελληνικα α")]
    [InlineData("", "")]
    public void Fold_lowercases_strips_accents_and_collapses_white_space(string text, string folded) =>
        Assert.Equal(folded, SearchText.Fold(text));

    [Fact]
    public void A_noncharacter_is_kept_instead_of_failing_the_text() =>
        Assert.Equal("a\uFFFFb", SearchText.Fold("A\uFFFFB"));

    [Fact]
    public void Fold_joins_parts_with_one_space_and_skips_blank_ones() =>
        Assert.Equal("a b", SearchText.Fold("A", null, "  ", "B"));
}

/// <summary>
/// The folded text is stored (search columns) and compared with folds made later, so an optimisation of
/// <see cref="SearchText.Fold"/> must give exactly the old answer: checked here against the straightforward definition
/// for every BMP character, alone and in context.
/// </summary>
public sealed class SearchTextEquivalenceTests
{
    [Fact]
    public void Every_character_folds_as_the_plain_definition_says()
    {
        var differences = new List<string>();
        for (var c = 0; c <= char.MaxValue; c++)
        {
            var text = $"A{(char)c}b {(char)c}\t{(char)c}";
            if (SearchText.Fold(text) != ReferenceFold(text)) differences.Add($"U+{c:X4}");
        }
        Assert.Empty(differences);
    }

    [Fact]
    public void Mixed_text_with_pairs_and_white_space_runs_folds_as_the_plain_definition_says()
    {
        var random = new Random(5);
        char[] alphabet = [.. "aZéÉßœ Ωω Жж \t\r\n\u00A0\u0085\u2003ǅǄﬁİı✓", '\uD83D', '\uDE00', '\u0000', '\u007F', '\u0301'];
        for (var i = 0; i < 2_000; i++)
        {
            var text = new string(Enumerable.Range(0, random.Next(0, 40)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            Assert.Equal(ReferenceFold(text), SearchText.Fold(text));
        }
    }

    private static string ReferenceFold(string text)
    {
        var builder = new System.Text.StringBuilder();
        if (string.IsNullOrWhiteSpace(text)) return "";
        var lastWasSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                if (!lastWasSpace) builder.Append(' ');
                lastWasSpace = true;
                continue;
            }
            lastWasSpace = false;
            if (c <= 0x7F) builder.Append(char.ToLowerInvariant(c));
            else if (char.IsSurrogate(c)) builder.Append(c);
            else if (c is (>= '\uFDD0' and <= '\uFDEF') or '\uFFFE' or '\uFFFF') builder.Append(c); // noncharacters: not normalisable, kept
            else
                foreach (var part in c.ToString().Normalize(System.Text.NormalizationForm.FormD))
                    if (System.Globalization.CharUnicodeInfo.GetUnicodeCategory(part) != System.Globalization.UnicodeCategory.NonSpacingMark)
                        builder.Append(char.ToLowerInvariant(part));
        }
        return builder.ToString();
    }
}
