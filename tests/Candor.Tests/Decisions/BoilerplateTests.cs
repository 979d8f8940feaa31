using Candor.Features.Decisions.Issuing;
using Candor.Features.Notices;

namespace Candor.Tests.Decisions;

/// <summary>The pure parts of issuing: text fingerprints, the boilerplate verdict, the specificity score, webhook signatures.</summary>
public sealed class BoilerplateTests
{
    private const string Story = "operates using a business model that inherently conflicts with acceptable ads business practices";
    private static readonly BoilerplateOptions Options = new();

    [Fact]
    public void A_template_filled_in_for_two_subjects_has_one_fingerprint()
    {
        var a = TextFingerprint.Normalise("Acme Ltd's ad 12345 was removed on 2026-10-01 for breaching policy 4.2.", ["Acme Ltd"]);
        var b = TextFingerprint.Normalise("BÉTA SA's ad 99 was removed on 2026-11-17 for breaching policy 7.1!", ["Béta SA"]);

        Assert.Equal(a, b);
        Assert.Equal(TextFingerprint.ExactHash(a), TextFingerprint.ExactHash(b));
        Assert.Contains(TextFingerprint.SubjectPlaceholder, a, StringComparison.Ordinal);
    }

    [Fact]
    public void Different_texts_have_different_fingerprints()
    {
        var a = TextFingerprint.Normalise("The landing page sold counterfeit watches.");
        var b = TextFingerprint.Normalise("The landing page sold genuine watches.");
        Assert.NotEqual(TextFingerprint.ExactHash(a), TextFingerprint.ExactHash(b));
    }

    [Fact]
    public void A_lightly_edited_text_is_a_near_duplicate_and_an_unrelated_one_is_not()
    {
        const string original = "We found that the advertiser operates using a business model that inherently conflicts with acceptable ads " +
                                "business practices and therefore we cannot continue to serve its advertising on our network at this time.";
        var edited = original.Replace("therefore we cannot", "so we can no longer", StringComparison.Ordinal);
        const string unrelated = "The ad promised a 90% return within a week; the landing page asked for card details before showing any terms.";
        Signature(original, out var s1);
        Signature(edited, out var s2);
        Signature(unrelated, out var s3);

        Assert.True(TextFingerprint.Similarity(s1, s2) >= Options.NearDuplicateSimilarity, $"similarity {TextFingerprint.Similarity(s1, s2)}");
        Assert.True(TextFingerprint.Similarity(s1, s3) < 0.2);
        Assert.NotEmpty(TextFingerprint.BandKeys(s1).Intersect(TextFingerprint.BandKeys(s2)));
        Assert.Equal(s1, TextFingerprint.Decode(TextFingerprint.Encode(s1)));
    }

    /// <summary>
    /// Signatures are stored, so a shingle's hash must never change: it is FNV-1a (64-bit, over UTF-16 code units) of the
    /// three words joined by single spaces, or of the whole text when it has fewer than three words.
    /// </summary>
    [Theory]
    [InlineData("ad 4.2 sold fakes", new[] { "ad 4.2 sold", "4.2 sold fakes" })]
    [InlineData("gefälschte uhren", new[] { "gefälschte uhren" })]
    [InlineData("one", new[] { "one" })]
    public void A_shingle_is_the_FNV_1a_hash_of_its_words_joined_by_spaces(string normalised, string[] shingles)
    {
        static ulong Fnv1a(string text)
        {
            var hash = 14695981039346656037UL;
            foreach (var c in text) hash = unchecked((hash ^ c) * 1099511628211UL);
            return hash;
        }

        Assert.Equal(shingles.Select(Fnv1a).Order(), TextFingerprint.Shingles(normalised).Order());
    }

    private static void Signature(string text, out ulong[] signature) =>
        signature = TextFingerprint.Signature(TextFingerprint.Shingles(TextFingerprint.Normalise(text)));

    [Fact]
    public void The_story_line_is_refused_the_first_time_even_when_it_cites_evidence_by_marker()
    {
        var text = $"Kaspersky-like Vendor Ltd {Story} [E1].";
        var verdict = Boilerplate.Judge("decision_facts", TextFingerprint.Normalise(text), Boilerplate.CaseSpecificElements(text, ["FCC Covered List entry"]),
            otherSubjects: 0, Options, ["FCC Covered List entry"]);

        Assert.True(verdict.Refused);
        Assert.Contains("known boilerplate", verdict.Reason, StringComparison.Ordinal);
        Assert.Contains("\"FCC Covered List entry\"", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_common_text_is_refused_only_from_the_threshold_and_only_without_specifics()
    {
        const string text = "The advertiser's products were found unsuitable for our audience.";
        var normalised = TextFingerprint.Normalise(text);

        Assert.False(Boilerplate.Judge("decision_facts", normalised, [], Options.Threshold - 1, Options, []).Refused);
        var refused = Boilerplate.Judge("decision_facts", normalised, [], 37, Options, []);
        Assert.True(refused.Refused);
        Assert.Contains("used for 37 other subjects in the last 90 days", refused.Reason, StringComparison.Ordinal);
        Assert.False(Boilerplate.Judge("decision_facts", normalised, ["2026-10-01"], 37, Options, []).Refused);
    }

    [Fact]
    public void Case_specific_elements_are_quoted_evidence_dates_urls_and_long_numbers_but_not_a_marker_or_a_name()
    {
        Assert.Empty(Boilerplate.CaseSpecificElements("Acme breaches clause 4 [E1].", ["FCC Covered List"]));
        var found = Boilerplate.CaseSpecificElements(
            "Listed on the FCC Covered List since 2024-06-24 (https://www.fcc.gov/supplychain/coveredlist), order DA 24-886, 1,250 EUR.",
            ["FCC Covered List"]);
        Assert.Contains("FCC Covered List", found);
        Assert.Contains("2024-06-24", found);
        Assert.Contains(found, f => f.StartsWith("https://www.fcc.gov", StringComparison.Ordinal));
        Assert.Contains("1,250", found);
    }

    [Fact]
    public void Facts_cite_evidence_by_marker_or_by_quoting_its_value()
    {
        EvidenceItem[] evidence = [new("url", "https://example.org/ad/1", null, null), new("list_entry", "FCC Covered List", null, null)];
        Assert.True(DecisionInput.CitesEvidence("See [e2].", evidence));
        Assert.True(DecisionInput.CitesEvidence("It is on the fcc covered list.", evidence));
        Assert.False(DecisionInput.CitesEvidence("It conflicts with our practices.", evidence));
        Assert.False(DecisionInput.CitesEvidence("See [E3].", evidence));
    }

    [Fact]
    public void Specificity_rises_with_evidence_concrete_facts_and_a_versioned_clause_and_falls_with_boilerplate()
    {
        var bare = Specificity.Score(new SpecificityInput(0, 0, Story, 0, false, false, 1));
        var specific = Specificity.Score(new SpecificityInput(3, 2, new string('x', 600), 4, true, true, 0));
        var middle = Specificity.Score(new SpecificityInput(1, 1, new string('x', 300), 2, true, false, 0.2));

        Assert.InRange(bare, 0, 0.05);
        Assert.Equal(1.0, specific);
        Assert.InRange(middle, bare + 0.1, specific - 0.1);
        Assert.Equal(0.35, Specificity.Score(new SpecificityInput(50, 9, "", 0, false, false, 1)) - Specificity.Score(new SpecificityInput(0, 0, "", 0, false, false, 1)), 3);
    }

    [Fact]
    public void A_webhook_signature_verifies_only_with_the_secret_the_body_and_a_fresh_timestamp()
    {
        var now = new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
        var header = WebhookSignature.Sign("whsec_1", now.ToUnixTimeSeconds(), "{\"a\":1}");
        var tolerance = TimeSpan.FromMinutes(5);

        Assert.Matches("^t=\\d+,v1=[0-9a-f]{64}$", header);
        Assert.True(WebhookSignature.Verify("whsec_1", header, "{\"a\":1}", now, tolerance));
        Assert.False(WebhookSignature.Verify("whsec_2", header, "{\"a\":1}", now, tolerance));
        Assert.False(WebhookSignature.Verify("whsec_1", header, "{\"a\":2}", now, tolerance));
        Assert.False(WebhookSignature.Verify("whsec_1", header, "{\"a\":1}", now.AddMinutes(6), tolerance));
    }

    [Fact]
    public void The_appeal_deadline_is_never_less_than_six_months_after_the_notice()
    {
        var issued = new DateTimeOffset(2026, 8, 31, 12, 0, 0, TimeSpan.Zero);
        Assert.Equal(new DateOnly(2027, 2, 28), NoticeComposer.AppealDeadline(issued, new NoticeOptions { AppealMonths = 1 }));
        Assert.Equal(new DateOnly(2027, 8, 31), NoticeComposer.AppealDeadline(issued, new NoticeOptions { AppealMonths = 12 }));
    }
}
