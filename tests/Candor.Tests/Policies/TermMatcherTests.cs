using Candor.Features.Rules;

namespace Candor.Tests.Policies;

public sealed class TermMatcherTests
{
    [Fact]
    public void A_term_list_compiled_after_a_text_was_read_still_finds_its_new_words_in_that_text()
    {
        // The text's words are numbered against the vocabulary of the lists compiled so far, and the numbers are kept;
        // a list compiled later brings words the kept numbers do not know, so the text must be numbered again.
        var word = "zqx" + Guid.NewGuid().ToString("N")[..8];
        var text = FoldedText.Of($"Buy {word} Tablets today");
        Assert.False(new TermMatcher(["tablets now"]).Any(text));

        var later = new TermMatcher([$"{word} tablets"]);

        Assert.True(later.Any(text));
        Assert.Equal([$"{word} tablets"], later.Matches(text));
    }

    [Fact]
    public void Phrases_match_whole_words_in_order_only()
    {
        var matcher = new TermMatcher(["miracle cure", "Casino"]);

        Assert.True(matcher.Any(FoldedText.Of("A MIRACLE   cure for all")));
        Assert.True(matcher.Any(FoldedText.Of("Le Casinò de Paris")));
        Assert.False(matcher.Any(FoldedText.Of("cure miracle")));
        Assert.False(matcher.Any(FoldedText.Of("miracles cure")));
        Assert.False(matcher.Any(FoldedText.Of("casinos")));
        Assert.Equal(["miracle cure", "casino"], matcher.Matches(FoldedText.Of("miracle cure at the casino")));
    }
}
