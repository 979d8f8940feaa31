using Candor.Features.Screening.Lists;
using Candor.Features.Screening.Matching;

namespace Candor.Tests.Screening;

public class ScreeningIndexTests
{
    private static readonly ScreeningIndex Index = ScreeningIndex.Build(
    [
        Entries.Person("7480", "MUGABE, Robert Gabriel", dob: "21 Feb 1924", country: "Zimbabwe"),
        Entries.Person("100", "PUTIN, Vladimir Vladimirovich", dob: "07 Oct 1952", country: "Russia",
            new ListAlias("Владимир Владимирович Путин", AliasKind.OriginalScript)),
        Entries.Person("200", "AL-JAWLANI, Abu Muhammad", country: "Syria"),
        Entries.Organization("306", "BANCO NACIONAL DE CUBA", "NATIONAL BANK OF CUBA"),
        Entries.Organization("400", "ROMASHKA OBSHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYU"),
        Entries.Organization("500", "AL QAIDA"),
        Entries.Organization("600", "NATIONAL BANK OF CANADA FAKE ENTRY"),
        Entries.Organization("700", "Kaspersky Lab AO"),
    ]);

    private static ScreeningMatch Top(string name, EntityType type = EntityType.Unknown, string? dob = null, string? country = null)
    {
        var result = Index.Search(new ScreeningQuery(name, country, type, dob));
        Assert.Null(result.Rejected);
        Assert.NotEmpty(result.Matches);
        return result.Matches[0];
    }

    [Fact]
    public void Word_order_does_not_matter()
    {
        var match = Top("Vladimir Putin");
        Assert.Equal("100", match.SourceId);
        Assert.True(match.Score >= 0.85, $"score {match.Score}");
    }

    [Fact]
    public void The_explanation_aligns_each_query_token()
    {
        var match = Top("Robert Mugabi");
        Assert.Equal("7480", match.SourceId);
        var mugabi = Assert.Single(match.Explanation.Tokens, t => t.Query == "mugabi");
        Assert.Equal("mugabe", mugabi.Matched);
        Assert.Equal("fuzzy", mugabi.How);
        Assert.InRange(mugabi.Similarity, 0.85, 0.99);
        Assert.Contains("gabriel", match.Explanation.UnmatchedListTokens);
    }

    [Fact]
    public void Transliteration_variants_match() =>
        Assert.Equal("200", Top("Abu Mohammed al Jawlani").SourceId);

    [Fact]
    public void Original_script_names_match_as_such()
    {
        var match = Top("Владимир Путин");
        Assert.Equal("100", match.SourceId);
        Assert.Equal("original-script", match.MatchedNameKind);
    }

    [Fact]
    public void Russian_legal_forms_match_their_english_family()
    {
        var match = Top("Romashka LLC");
        Assert.Equal("400", match.SourceId);
        Assert.Equal(1.0, match.Score, 3);
        Assert.Contains("same family 'llc'", match.Explanation.LegalForms, StringComparison.Ordinal);
    }

    [Fact]
    public void Leading_legal_form_in_cyrillic_matches() =>
        Assert.Equal("700", Top("АО Лаборатория Касперского Kaspersky Lab").SourceId);

    [Fact]
    public void Joined_words_match_split_ones()
    {
        var match = Top("Alqaida");
        Assert.Equal("500", match.SourceId);
        Assert.Equal("split", Assert.Single(match.Explanation.Tokens).How);
    }

    [Fact]
    public void An_acronym_is_a_lead_not_proof()
    {
        var match = Top("BNC");
        Assert.Equal("306", match.SourceId);
        Assert.Equal("acronym", Assert.Single(match.Explanation.Tokens).How);
        Assert.True(match.Score < 0.8, $"score {match.Score}");
    }

    [Fact]
    public void A_different_rare_word_keeps_an_ordinary_bank_below_the_threshold() =>
        Assert.True(Index.Search(new ScreeningQuery("National Bank of Canada")).Matches.All(m => m.SourceId != "306" || m.Score < 0.8));

    [Fact]
    public void Entity_type_is_only_a_soft_signal()
    {
        var match = Top("Robert Mugabe", EntityType.Organization);
        Assert.Equal("7480", match.SourceId);
        Assert.Contains(match.Explanation.Adjustments, a => a.Amount < 0 && a.Reason.Contains("type", StringComparison.Ordinal));
        Assert.Equal(match.Explanation.NameScore - SoftSignals.TypeMismatch, match.Score, 3);
    }

    [Fact]
    public void Date_of_birth_and_country_corroborate_or_penalise()
    {
        var same = Top("Robert Mugabe", dob: "1924", country: "ZW");
        Assert.Contains("date of birth 1924", same.Explanation.Corroborations);
        Assert.Contains("country Zimbabwe", same.Explanation.Corroborations);
        var other = Top("Robert Mugabe", dob: "1990-01-01");
        Assert.Contains(other.Explanation.Adjustments, a => a.Amount == -SoftSignals.DobMismatch);
        Assert.True(other.Score < same.Score);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("🚀🔥")]
    [InlineData("\u0000\u0001")]
    public void Unscreenable_names_are_rejected_with_a_reason(string name) =>
        Assert.NotNull(Index.Search(new ScreeningQuery(name)).Rejected);

    [Fact]
    public void A_ten_kilobyte_name_is_rejected_not_crashed() =>
        Assert.Contains("longer", Index.Search(new ScreeningQuery(new string('a', 10_000))).Rejected, StringComparison.Ordinal);

    [Fact]
    public void Mixed_scripts_and_emoji_are_safe() =>
        Assert.Equal("100", Top("Vladimir 🚀 Путин").SourceId);

    [Fact]
    public void An_empty_index_finds_nothing() =>
        Assert.Empty(ScreeningIndex.Empty.Search(new ScreeningQuery("Vladimir Putin")).Matches);

    [Fact]
    public void Min_score_and_limit_are_honoured()
    {
        var result = Index.Search(new ScreeningQuery("Bank", MinScore: 0.99, Limit: 1));
        Assert.All(result.Matches, m => Assert.True(m.Score >= 0.99));
        Assert.True(result.Matches.Count <= 1);
    }
}
