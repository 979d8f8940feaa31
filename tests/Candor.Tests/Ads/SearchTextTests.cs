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
    public void Fold_joins_parts_with_one_space_and_skips_blank_ones() =>
        Assert.Equal("a b", SearchText.Fold("A", null, "  ", "B"));
}
