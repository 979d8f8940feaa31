using Candor.Features.Ads;
using Candor.Features.Demo;

namespace Candor.Tests.Demo;

/// <summary>Each repair of the demo sample files, on real values from them.</summary>
public sealed class RepairTests
{
    [Theory]
    // Row 1 of guardian-au2023-tagged-ads.csv (The Singing Guitarists), as saved through Mac Roman.
    [InlineData("\uf8ff\u00fc\u00e5\u00fc I\u201a\u00c4\u00f4m here to help women", "\ud83c\udf1f I\u2019m here to help women")]
    [InlineData("\uf8ff\u00fc\u00e9\u00f4\u00d4\u220f\u00e8 \u201a\u00fa\u00ae Introducing", "\ud83c\udf99\ufe0f \u2728 Introducing")]
    public void Mac_Roman_mojibake_is_repaired(string mojibake, string expected)
    {
        Assert.Equal(expected, MacRomanMojibake.Repair(mojibake));
        Assert.True(MacRomanMojibake.Markers(mojibake) > 0);
        Assert.Equal(0, MacRomanMojibake.Markers(expected));
    }

    [Theory]
    [InlineData("Plain ASCII, untouched.")]
    [InlineData("Café crème, naïve résumé")] // Mac Roman bytes of é alone are not valid UTF-8
    [InlineData("I’m here — “quoted”")] // correct punctuation has no Mac Roman form that decodes
    [InlineData("🎙️ ✨ already fine")] // emoji have no Mac Roman byte at all
    [InlineData("I\u201a\u00c4\u00f4m mixed with a real 🎙")] // partly broken text is left alone, never half-repaired
    public void Correct_or_unrepairable_text_is_never_damaged(string text)
    {
        Assert.Same(text, MacRomanMojibake.Repair(text));
    }

    [Fact]
    public void Scientific_notation_ad_id_is_recovered_from_the_ad_library_link()
    {
        // Row 1: ad_id 9.75734E+14, ad_snapshot_url …?id=975733956964675.
        Assert.Equal("975733956964675", AdLibraryIds.Recover("9.75734E+14", "https://www.facebook.com/ads/library/?id=975733956964675"));
        Assert.Equal("6775698025795537", AdLibraryIds.Recover("6.7757E+15", "https://www.facebook.com/ads/library/?id=6775698025795537"));
    }

    [Theory]
    // The YummyStory ad split across records: its first part has no link at all.
    [InlineData("9.68536E+14", "")]
    // A fragment of a delivery_by_region list that spilled into the ad columns.
    [InlineData("r-Sakia El Hamra'}", " 'region': 'Marrakesh-Tensift-El Haouz'}")]
    [InlineData("'6.0E-6'", " {'percentage': '6.0E-6'")]
    // A link whose id disagrees with the exported one is not trusted either.
    [InlineData("9.75734E+14", "https://www.facebook.com/ads/library/?id=123456789012345")]
    public void Malformed_records_have_no_recoverable_id(string adId, string snapshotUrl)
    {
        Assert.Null(AdLibraryIds.Recover(adId, snapshotUrl));
    }

    [Fact]
    public void Advertiser_ids_are_stable_and_use_the_page_id_only_when_it_is_whole()
    {
        Assert.Equal("meta-us-page-6756153498", AdLibraryIds.Advertiser("meta-us", "6756153498", "Mike Bloomberg"));
        var rounded = AdLibraryIds.Advertiser("meta-au", "1.04894E+14", "The Singing Guitarists");
        Assert.StartsWith("meta-au-name-the-singing-guitarists-", rounded);
        Assert.Equal(rounded, AdLibraryIds.Advertiser("meta-au", "1.04894E+14", "The Singing Guitarists"));
        Assert.NotEqual(rounded, AdLibraryIds.Advertiser("meta-au", "1.04894E+14", "The Singing Guitarist"));
    }

    [Fact]
    public void ProPublica_html_message_becomes_plain_text()
    {
        // From ad 23842898774910660 (Donald J. Trump), shortened: "See more" placeholder, spans and paragraphs.
        const string html = "<p>The State of the Union speech is not about me. It’s about you.</p><p> Every single day, you are LECTURED " +
            "by the media, <span class=\"text_exposed_hide\">...</span><span class=\"text_exposed_show\">where life is protected. </span></p>" +
            "<p> Tomorrow’s science needs you today. Join us to get your “Up &amp; Atom” tee &amp; defend science.</p>";

        Assert.Equal("The State of the Union speech is not about me. It’s about you.\n\nEvery single day, you are LECTURED by the media, " +
            "where life is protected.\n\nTomorrow’s science needs you today. Join us to get your “Up & Atom” tee & defend science.",
            FacebookHtml.ToPlainText(html));
    }

    [Fact]
    public void ProPublica_targets_become_targeting_criteria()
    {
        var criteria = ProPublicaTargets.ToCriteria([
            new("Age", "18 and older"), new("Region", "the United States"), new("Interest", "Global warming"), new("List", null),
            new("Retargeting", "people who may be similar to their customers"), new("City", "Bellingham"), new("State", "Washington"),
            new("Segment", "US politics (very liberal)"), new("Website", "people who have visited their website or used one of their apps"),
            new("Like", null), new("Whatever", "x"),
        ]);

        List<(TargetingCategory, string?, string)> expected =
        [
            (TargetingCategory.Age, "age_range", "18 and older"),
            (TargetingCategory.Location, "country", "US"),
            (TargetingCategory.Interest, null, "Global warming"),
            (TargetingCategory.CustomAudience, "customer_list", "a list of people the advertiser uploaded"),
            (TargetingCategory.LookalikeAudience, "similar_to_customers", "people who may be similar to their customers"),
            (TargetingCategory.Location, "city", "Bellingham"),
            (TargetingCategory.Location, "region", "Washington"),
            (TargetingCategory.Behaviour, "segment", "US politics (very liberal)"),
            (TargetingCategory.CustomAudience, "website_visitors", "people who have visited their website or used one of their apps"),
            (TargetingCategory.Other, "page_connection", "people who like their Page"),
            (TargetingCategory.Other, "whatever", "x"),
        ];
        Assert.Equal(expected, criteria.Select(c => (c.Category!.Value, c.Parameter, c.Values!.Single())).ToList());
        Assert.All(criteria, c => Assert.Equal(TargetingMode.Included, c.Mode));
    }

    [Fact]
    public void Python_list_fields_are_read_back_with_their_escapes()
    {
        Assert.Equal(["fb.me", "fb.me", "fb.me"], PythonListText.Values("['fb.me', 'fb.me', 'fb.me']"));
        Assert.Equal("Save Our Trees NOW! / NT, let's improve our score.",
            PythonListText.Joined("['Save Our Trees NOW!', 'Save Our Trees NOW!', \"NT, let's improve our score.\"]", " / "));
        Assert.Equal(["Free to attend!\nhttps://example.org/ \u00a0"], PythonListText.Values("['Free to attend!\\nhttps://example.org/ \\xa0']"));
        // Not a whole list (two lists run together upstream): kept as the text it is.
        Assert.Equal(["['a']['b']"], PythonListText.Values("['a']['b']"));
        Assert.Equal(["plain text"], PythonListText.Values("plain text"));
        Assert.Empty(PythonListText.Values(""));
    }

    [Fact]
    public void Over_long_text_is_cut_at_a_character_boundary_with_an_ellipsis()
    {
        var emoji = string.Concat(Enumerable.Repeat("🎙", 30)); // 30 characters, 60 UTF-16 units

        var cut = DemoText.Fit(emoji, 10)!;

        Assert.Equal(string.Concat(Enumerable.Repeat("🎙", 9)) + "…", cut);
        Assert.Equal(10, cut.EnumerateRunes().Count());
        Assert.Equal("short", DemoText.Fit("  short \u0007", 10));
        Assert.Null(DemoText.Fit("   ", 10));
    }

    [Fact]
    public void Meta_bounds_are_ranges_and_caption_hosts_are_landing_pages()
    {
        Assert.Equal((300m, 399m), MetaLibraryExample.Range(new("300", "399")));
        Assert.Equal((10000m, (decimal?)null), MetaLibraryExample.Range(new("10000", null)));
        Assert.Equal("https://www.bloomberg.com", LandingPage.FromCaption("www.bloomberg.com"));
        Assert.Equal("https://voice.gov.au", LandingPage.FromCaption("Voice.gov.au"));
        Assert.Null(LandingPage.FromCaption("Sign up today"));
        Assert.Equal("en", ProPublicaAds.LanguageCode("en-US"));
        Assert.Equal("en", ProPublicaAds.LanguageCode(null));
    }
}
