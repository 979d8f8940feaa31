using Candor.Features.Screening.Lists;
using Candor.Features.Screening.Matching;

namespace Candor.Tests.Screening;

public class NameTextTests
{
    private static string[] Words(string name) => [.. NameText.Tokenize(name).Select(t => t.Text)];

    [Fact]
    public void Accents_case_and_punctuation_fold_away() =>
        Assert.Equal(["jose", "maria", "obrien"], Words("  JOSÉ-María  O'Brien "));

    [Fact]
    public void Cyrillic_is_transliterated_to_latin() =>
        Assert.Equal(["vladimir", "putin"], Words("Владимир Путин"));

    [Fact]
    public void Greek_is_transliterated_to_latin() =>
        Assert.Equal(["alexis", "tsipras"], Words("Αλέξης Τσίπρας"));

    [Fact]
    public void Arabic_vowel_marks_do_not_change_the_tokens() =>
        Assert.Equal(Words("محمد"), Words("مُحَمَّد"));

    [Fact]
    public void Emoji_and_control_characters_are_dropped() =>
        Assert.Equal(["acme", "trading"], Words("Acme\u0000 \u0007Trading 🚀🔥"));

    [Fact]
    public void A_lone_surrogate_does_not_crash() =>
        Assert.Equal(["acme"], Words("Acme \uD800"));

    [Fact]
    public void Names_of_nothing_but_symbols_have_no_tokens()
    {
        Assert.Empty(NameText.Tokenize("🚀 ✨ !!!"));
        Assert.Empty(NameText.Tokenize("   \t\n"));
        Assert.Empty(NameText.Tokenize(null));
    }

    [Fact]
    public void A_ten_kilobyte_name_is_bounded()
    {
        var tokens = NameText.Tokenize(string.Concat(Enumerable.Repeat("Acme Trading ", 800)));
        Assert.Equal(NameText.MaxTokens, tokens.Length);
    }

    [Fact]
    public void Question_marks_from_lost_characters_join_the_word() =>
        Assert.Equal(["husayn", "faur"], Words("Husayn Fa?ur"));

    [Fact]
    public void The_ascii_fast_path_agrees_with_the_general_path_on_every_stored_name()
    {
        var names = new[]
        {
            (ListFormats.OfacSdnCsv, "ofac_sdn_2023-12-28/sdn.csv"), (ListFormats.UsCslCsv, "us_csl_2023-11-30/csl.csv"),
            (ListFormats.UnScXml, "un_sc_2026-02-27/consolidated.xml"), (ListFormats.OfacSdnCsv, "ofac_sdn_2024-05-03/sdn.csv"),
        }.SelectMany(l => ListFormats.Read(l.Item1, ScreeningFiles.SharedList(l.Item2), "real")).SelectMany(e => e.AllNames()).Select(n => n.Name)
            .Concat(["O'Brien & Sons, S.A. de C.V.", "a`b?c.d", "  ", "x\u0007y", "LLC", new string('a', 1200), string.Join(' ', Enumerable.Range(0, 60))])
            .ToList();
        var ascii = names.Where(n => System.Text.Ascii.IsValid(n)).ToList();
        Assert.True(ascii.Count > 50_000, $"only {ascii.Count} ASCII names");
        foreach (var name in ascii)
            Assert.Equal(NameText.Tokenize(name, asciiFastPath: false), NameText.Tokenize(name, asciiFastPath: true));
    }
}
