using Candor.Features.Screening.Matching;

namespace Candor.Tests.Screening;

public class TokenSimilarityTests
{
    [Theory]
    [InlineData("muhammad", "mohammed")]
    [InlineData("husayn", "hussein")]
    [InlineData("qaddafi", "kadafi")]
    [InlineData("jonh", "john")]
    [InlineData("afiz", "hafiz")]
    public void Spelling_and_transliteration_variants_are_similar(string a, string b) =>
        Assert.True(TokenSimilarity.Similarity(a, b) >= TokenSimilarity.Floor, $"{a}/{b}: {TokenSimilarity.Similarity(a, b)}");

    [Theory]
    [InlineData("ming", "ping")]
    [InlineData("mahmoud", "mohammed")]
    [InlineData("canada", "cuba")]
    public void Different_words_are_not(string a, string b) =>
        Assert.True(TokenSimilarity.Similarity(a, b) < TokenSimilarity.Floor, $"{a}/{b}: {TokenSimilarity.Similarity(a, b)}");

    [Fact]
    public void A_swap_of_neighbours_costs_one_edit() =>
        Assert.Equal(1f, TokenSimilarity.Distance("abcdef", "abdcef", 3));

    [Fact]
    public void Spellings_of_one_sound_share_a_skeleton() =>
        Assert.Equal(TokenSimilarity.Skeleton("muhammad"), TokenSimilarity.Skeleton("mohamed"));
}
