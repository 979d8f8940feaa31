using Candor.Features.Screening.Matching;

namespace Candor.Tests.Screening;

public class LegalFormsTests
{
    private static string[] Forms(string name) =>
        [.. NameText.Tokenize(name).Where(t => t.Role == TokenRole.LegalForm).Select(t => t.Text)];

    [Theory]
    [InlineData("Romashka OOO", "llc")]
    [InlineData("ООО Ромашка", "llc")]
    [InlineData("Romashka Limited Liability Company", "llc")]
    [InlineData("Sberbank PAO", "jsc")]
    [InlineData("AO Kaspersky Lab", "jsc")]
    [InlineData("Sovcomflot Public Joint Stock Company", "jsc")]
    [InlineData("Aeroflot OAO", "jsc")]
    [InlineData("Siemens GmbH", "gmbh")]
    [InlineData("Grupo Guadalest S.A. de C.V.", "sadecv")]
    [InlineData("Acme Incorporated", "inc")]
    public void Legal_forms_are_canonicalised_to_their_family(string name, string family) =>
        Assert.Equal([family], Forms(name));

    [Fact]
    public void Company_and_limited_have_short_forms() =>
        Assert.Equal(["co", "ltd"], Forms("Anglo-Caribbean Company Limited"));

    [Fact]
    public void A_name_that_is_only_a_legal_form_keeps_its_words() =>
        Assert.Empty(Forms("Limited"));

    [Fact]
    public void Legal_forms_weigh_little_but_still_count()
    {
        var index = ScreeningIndex.Build([Entries.Organization("l1", "Acme Trading LLC")]);
        var same = index.ComparePair("Acme Trading OOO", "Acme Trading LLC");
        var other = index.ComparePair("Acme Trading JSC", "Acme Trading LLC");
        Assert.Equal(1f, same, 3);
        // In a one-entry index every word is as common as can be, so the form weighs relatively more than in real lists.
        Assert.InRange(other, 0.8f, 0.99f);
    }
}
