using Candor.Features.Screening.Matching;

namespace Candor.Tests.Screening;

public class NumberWordsTests
{
    private static string[] Texts(string name) => [.. NameText.Tokenize(name).Select(t => t.Text)];

    [Theory]
    [InlineData("Brigade Forty-Four", "brigade 44")]
    [InlineData("Brigade forty four", "brigade 44")]
    [InlineData("First International Bank", "1 international bank")]
    [InlineData("1st International Bank", "1 international bank")]
    [InlineData("22nd Street Trading", "22 street trading")]
    [InlineData("Twenty Trading", "20 trading")]
    [InlineData("Three Percenters", "3 percenters")]
    public void Number_words_and_ordinals_read_as_digits(string name, string expected) =>
        Assert.Equal(expected.Split(' '), Texts(name));

    [Fact]
    public void A_spelt_out_number_keeps_its_surface_and_stays_a_word()
    {
        var token = NameText.Tokenize("Brigade Forty-Four")[1];
        Assert.Equal(new NameToken("44", TokenRole.Word, "forty four"), token);
    }

    [Theory]
    [InlineData("1st")]
    [InlineData("44th")]
    public void Digit_ordinals_are_numbers(string word) => Assert.NotNull(NumberWords.Match([word], 0));

    [Theory]
    [InlineData("ist")]
    [InlineData("1a")]
    [InlineData("fourty")]
    public void Other_words_are_not(string word) => Assert.Null(NumberWords.Match([word], 0));
}
