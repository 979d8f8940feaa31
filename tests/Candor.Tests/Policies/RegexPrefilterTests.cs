using System.Text;
using System.Text.RegularExpressions;
using Candor.Features.Rules;

namespace Candor.Tests.Policies;

public sealed class RegexPrefilterTests
{
    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    [Theory]
    [InlineData(@"\d{2,4}\s?%\s+(daily|per day|a day|weekly|per week|pro tag)", "%")] // the sample catalogue's two patterns
    [InlineData(@"lose\s+\d{2,3}\s*(kg|kilos?|lbs?|pounds)\s+in\s+\d{1,2}\s+days", "lose")]
    [InlineData(@"\bfree money\b", "free money")]
    [InlineData("ab+c", "ab")]
    [InlineData("abc?d", "ab")]
    [InlineData("x{0,2}yz", "yz")]
    [InlineData("a{2}bcd", "bcd")]
    [InlineData("[a-z]+foo", "foo")]
    [InlineData("(foo)bar", "bar")]
    [InlineData("(a(b)c)+xy", "xy")]
    [InlineData("[]a]bc", "bc")]
    [InlineData(@"\.com", ".com")]
    [InlineData("bank9", "ban")] // k is left out (the regex also matches it to the Kelvin sign); the longest run wins
    [InlineData("caf\u00e9 au", "caf")] // non-ASCII letters are left out
    [InlineData("a.b", "a")]
    [InlineData("a|b", null)]
    [InlineData("(?i)abc", null)]
    [InlineData("(?x)a b", null)]
    [InlineData("(?=abc)abc", null)]
    [InlineData(@"\x41bc", null)]
    [InlineData(@"\p{L}abc", null)]
    [InlineData(@"(a)\1bc", null)]
    [InlineData("[a-z-[aeiou]]x", null)]
    [InlineData("a{,3}", null)]
    [InlineData("a{2,x}b", null)] // literal text to .NET, not a quantifier
    [InlineData("{abc}", null)]
    [InlineData(@"\d+", null)]
    [InlineData("", null)]
    public void Finds_the_longest_literal_every_match_contains(string pattern, string? expected) =>
        Assert.Equal(expected, RegexPrefilter.RequiredLiteral(pattern));

    [Fact]
    public void Searchable_characters_are_found_by_an_ordinal_case_insensitive_search_exactly_as_the_regex_finds_them()
    {
        // The prefilter searches with OrdinalIgnoreCase; for its characters that must find every character the regex's
        // case-insensitive matching accepts, across the whole BMP. (K and k fail this: the regex also takes U+212A.)
        var characters = Enumerable.Range(0, 0x10000).Where(c => c is < 0xD800 or > 0xDFFF).Select(c => ((char)c).ToString()).ToArray();
        var searchable = Enumerable.Range(0, 128).Select(c => (char)c).Where(RegexPrefilter.Searchable).ToList();
        Assert.Equal(93, searchable.Count);
        foreach (var literal in searchable)
        {
            var regex = new Regex("^" + Regex.Escape(literal.ToString()) + "$", Options | RegexOptions.NonBacktracking);
            foreach (var text in characters)
                if (regex.IsMatch(text) != text.AsSpan().Equals(literal.ToString(), StringComparison.OrdinalIgnoreCase))
                    Assert.Fail($"'{literal}' and U+{(int)text[0]:X4}: regex {regex.IsMatch(text)}, ordinal ignore-case the opposite");
        }
        Assert.False(RegexPrefilter.Searchable('k'));
        Assert.Matches(new Regex("k", Options), "\u212A");
    }

    [Fact]
    public void A_text_the_regex_matches_always_contains_the_literal()
    {
        // Random patterns from atoms and quantifiers, random texts from a small alphabet (with the Kelvin sign and
        // upper case): whenever the regex matches, the literal must be in the text, or the prefilter would hide a hit.
        string[] atoms = ["a", "b", "%", "k", "K", " ", @"\d", "[ab]", "(a|b)", "(ab)", ".", @"\s", @"\.", "\u00e9"];
        string[] quantifiers = ["", "", "", "?", "*", "+", "{2}", "{0,1}", "{1,3}", "+?"];
        const string alphabet = "abAB%1 .k\u212A\u00e9\u00c9";
        var random = new Random(20261129);
        var checkedMatches = 0;
        for (var p = 0; p < 3_000; p++)
        {
            var pattern = new StringBuilder();
            for (var a = random.Next(1, 6); a > 0; a--)
                pattern.Append(atoms[random.Next(atoms.Length)]).Append(quantifiers[random.Next(quantifiers.Length)]);
            var literal = RegexPrefilter.RequiredLiteral(pattern.ToString());
            if (literal is null) continue;
            var regex = new Regex(pattern.ToString(), Options);
            for (var t = 0; t < 60; t++)
            {
                var text = new string(Enumerable.Range(0, random.Next(0, 10)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
                if (!regex.IsMatch(text)) continue;
                checkedMatches++;
                Assert.True(text.Contains(literal, StringComparison.OrdinalIgnoreCase), $"/{pattern}/ matches \"{text}\" but the prefilter wants \"{literal}\"");
            }
        }
        Assert.True(checkedMatches > 1_000, $"only {checkedMatches} matches were checked");
    }
}
