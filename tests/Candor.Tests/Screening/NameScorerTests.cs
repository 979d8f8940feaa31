using Candor.Features.Screening.Lists;
using Candor.Features.Screening.Matching;

namespace Candor.Tests.Screening;

public class NameScorerTests
{
    private static NameScore Score(string query, string name) =>
        NameScorer.Score(TokenWeights.Uniform.Weigh(NameText.Tokenize(query)), TokenWeights.Uniform.Weigh(NameText.Tokenize(name)));

    [Fact]
    public void Words_left_over_on_both_sides_contradict_and_cost_their_share()
    {
        var score = Score("Ali Saddam Hussein al-Rawi", "Ali Saddam Hussein al-Tikriti");
        // Four of five words align on each side; "rawi" and "tikriti" contradict each other: a fifth of each name.
        Assert.Equal(0.8f, score.Alignment, 3);
        Assert.Equal(0.2f, score.Conflict, 3);
        Assert.Equal(0.6f, score.Score, 3);
    }

    [Fact]
    public void An_extra_word_on_one_side_only_is_no_contradiction()
    {
        var score = Score("Dost Mohammad", "Dost Mohammad Khan Haqqani");
        Assert.Equal(0f, score.Conflict);
        Assert.Equal(score.Alignment, score.Score);
    }

    [Fact]
    public void A_leftover_that_still_resembles_the_other_sides_is_a_typo_not_a_contradiction()
    {
        // "omhammed" is too far from "muhammad" to align, but within half its length: no conflict.
        Assert.True(NameScorer.LookAlike("omhammed", "muhammad"));
        Assert.Equal(0f, Score("Abu Omhammed al-Jawlani", "Abu Muhammad al-Jawlani").Conflict);
    }

    [Theory]
    [InlineData("dulaimi", "tikriti")]
    [InlineData("zadran", "noorzai")]
    public void Different_words_do_not_look_alike(string a, string b) => Assert.False(NameScorer.LookAlike(a, b));

    [Fact]
    public void Different_numbers_contradict() =>
        Assert.True(Score("Victory 2024", "Victory 2").Conflict > 0);

    [Fact]
    public void Initials_stopwords_and_legal_forms_do_not_contradict()
    {
        Assert.Equal(0f, Score("John A Smith", "John B Smith").Conflict);
        Assert.Equal(0f, Score("Acme Trading LLC", "Acme Trading GmbH").Conflict);
    }

    [Theory]
    [InlineData("vanderbilt corp", "van der bilt corp")]
    [InlineData("van der bilt corp", "vanderbilt corp")]
    public void Three_words_can_merge_into_one(string query, string name)
    {
        var score = Score(query, name);
        Assert.Equal(1f, score.Score, 3);
        Assert.Contains(score.Pairs, p => p.Kind is TokenMatchKind.Merged or TokenMatchKind.Split && System.Numerics.BitOperations.PopCount(p.Kind == TokenMatchKind.Merged ? p.QueryTokens : p.NameTokens) == 3);
    }

    [Theory]
    [InlineData("Brigade Forty-Four", "Brigade 44")]
    [InlineData("1st International Bank", "First International Bank")]
    [InlineData("Osama bin Laden", "Usama ibn Laden")]
    [InlineData("Siemens Aktiengesellschaft", "Siemens AG")]
    [InlineData("Societatea cu Răspundere Limitată Pro Traffic", "SRL Pro Traffic")]
    public void Spelt_out_numbers_particles_and_legal_forms_read_as_their_short_forms(string query, string name) =>
        Assert.True(Score(query, name).Score > 0.95f, $"{query} / {name}: {Score(query, name).Score}");

    [Fact]
    public void Different_spelt_out_numbers_do_not_align() =>
        Assert.True(Score("Brigade Forty-Four", "Brigade 45").Score < 0.7f);

    [Fact]
    public void The_explanation_lists_the_contradiction_so_that_score_is_name_score_plus_adjustments()
    {
        var index = ScreeningIndex.Build([Entries.Person("p1", "Ali Saddam Hussein al-Tikriti"), Entries.Person("p2", "Someone Else Entirely")]);
        var match = index.Search(new ScreeningQuery("Ali Saddam Hussein al-Rawi", MinScore: 0)).Matches.Single(m => m.SourceId == "p1");
        var conflict = Assert.Single(match.Explanation.Adjustments);
        Assert.Contains("'rawi' contradicts list 'tikriti'", conflict.Reason, StringComparison.Ordinal);
        Assert.True(conflict.Amount < 0);
        Assert.Equal(match.Explanation.NameScore + conflict.Amount, match.Score, 3);
    }
}
