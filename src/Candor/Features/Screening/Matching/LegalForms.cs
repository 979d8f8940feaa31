using System.Collections.Frozen;
using System.Runtime.CompilerServices;

namespace Candor.Features.Screening.Matching;

/// <summary>
/// Legal forms are canonicalised to one token per family (OOO and LLC both become "llc"), not deleted: they still
/// align and still count, but with low weight, so "Acme LLC" and "Acme JSC" differ a little, not a lot.
/// </summary>
public static class LegalForms
{
    // Multi-word forms, after transliteration and dot removal ("S.A. de C.V." arrives as "sa de cv").
    private static readonly (string[] Words, string Form)[] Phrases =
    [
        (["public", "joint", "stock", "company"], "jsc"), (["open", "joint", "stock", "company"], "jsc"),
        (["closed", "joint", "stock", "company"], "jsc"), (["joint", "stock", "company"], "jsc"),
        (["publichnoe", "aktsionernoe", "obshchestvo"], "jsc"), (["otkrytoe", "aktsionernoe", "obshchestvo"], "jsc"),
        (["zakrytoe", "aktsionernoe", "obshchestvo"], "jsc"), (["aktsionernoe", "obshchestvo"], "jsc"),
        (["aktsionernoye", "obshchestvo"], "jsc"), (["publichnoye", "aktsionernoye", "obshchestvo"], "jsc"),
        (["obshchestvo", "s", "ogranichennoi", "otvetstvennostyu"], "llc"),
        (["obshchestvo", "s", "ogranichennoy", "otvetstvennostyu"], "llc"),
        (["obshchestvo", "s", "ogranichennoi", "otvetstvennostiu"], "llc"),
        (["limited", "liability", "company"], "llc"), (["limited", "liability", "partnership"], "llp"),
        (["public", "limited", "company"], "plc"), (["sp", "z", "o", "o"], "llc"), (["spolka", "z", "o", "o"], "llc"),
        (["sa", "de", "cv"], "sadecv"), (["s", "a", "de", "c", "v"], "sadecv"), (["s", "de", "rl", "de", "cv"], "sderldecv"),
        (["s", "de", "rl"], "sderl"), (["s", "a"], "sa"), (["s", "l"], "sl"), (["s", "r", "l"], "srl"), (["s", "p", "a"], "spa"),
        (["l", "l", "c"], "llc"), (["b", "v"], "bv"), (["n", "v"], "nv"), (["co", "ltd"], "co ltd"),
        // Spelt-out forms in the languages of the lists' companies: each reads as its abbreviation.
        (["gesellschaft", "mit", "beschrankter", "haftung"], "gmbh"), (["societatea", "cu", "raspundere", "limitata"], "srl"),
        (["societa", "a", "responsabilita", "limitata"], "srl"), (["societa", "per", "azioni"], "spa"),
        (["sociedad", "anonima"], "sa"), (["sociedade", "anonima"], "sa"), (["societe", "anonyme"], "sa"),
        (["sociedad", "limitada"], "sl"), (["naamloze", "vennootschap"], "nv"), (["besloten", "vennootschap"], "bv"),
    ];

    private static readonly FrozenSet<string> PhraseStarts = Phrases.Select(p => p.Words[0]).ToFrozenSet(StringComparer.Ordinal);

    // One-word forms and their family. Families reflect what a screener treats as the same form: a Russian
    // OAO that became a PAO is the same company, and OOO is the Russian LLC.
    private static readonly FrozenDictionary<string, string> Words = new Dictionary<string, string>
    {
        ["llc"] = "llc", ["ooo"] = "llc", ["tov"] = "llc", ["too"] = "llc", ["sro"] = "llc", ["mchj"] = "llc",
        ["jsc"] = "jsc", ["ao"] = "jsc", ["oao"] = "jsc", ["zao"] = "jsc", ["pao"] = "jsc", ["pjsc"] = "jsc",
        ["ojsc"] = "jsc", ["cjsc"] = "jsc", ["jscb"] = "jsc", ["pat"] = "jsc", ["prat"] = "jsc", ["ksc"] = "jsc",
        ["gmbh"] = "gmbh", ["ag"] = "ag", ["kg"] = "kg", ["sadecv"] = "sadecv", ["sa"] = "sa", ["sas"] = "sa",
        ["sarl"] = "sarl", ["srl"] = "srl", ["spa"] = "spa", ["sl"] = "sl", ["sderl"] = "sderl",
        ["co"] = "co", ["company"] = "co", ["cie"] = "co", ["compania"] = "co",
        ["ltd"] = "ltd", ["limited"] = "ltd", ["ltda"] = "ltd", ["coltd"] = "co ltd",
        ["inc"] = "inc", ["incorporated"] = "inc", ["corp"] = "corp", ["corporation"] = "corp",
        ["plc"] = "plc", ["llp"] = "llp", ["lp"] = "lp", ["bv"] = "bv", ["nv"] = "nv", ["pte"] = "pte",
        ["pvt"] = "pvt", ["pty"] = "pty", ["kk"] = "kk", ["fze"] = "fz", ["fzco"] = "fz", ["fzc"] = "fz", ["fzllc"] = "fz",
        ["aktiengesellschaft"] = "ag", ["kommanditgesellschaft"] = "kg", ["aktiebolag"] = "ab", ["osakeyhtio"] = "oy",
        ["aksjeselskap"] = "as", ["bhd"] = "bhd", ["sdn"] = "sdn", ["tbk"] = "tbk", ["ab"] = "ab", ["oy"] = "oy", ["as"] = "as", ["asa"] = "as",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenSet<string> Stopwords = new[]
    {
        "of", "the", "and", "for", "de", "del", "della", "da", "do", "dos", "das", "du", "des", "la", "le", "les", "el",
        "y", "e", "et", "und", "van", "von", "der", "den", "di",
    }.ToFrozenSet(StringComparer.Ordinal);

    // Spellings of one particle: Arabic "son of" is written bin and ibn alike.
    private static readonly FrozenDictionary<string, string> Particles = new Dictionary<string, string>
    {
        ["ibn"] = "bin",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // A number spelt out ("First", "Forty-Four") stays a word of the name and weighs like one, where bare digits weigh
    // little (years on campaign names): only its text is the number, so that it aligns with the same digits.
    private static NameToken NumberToken(string value, string surface) => new(value, TokenRole.Word, surface);

    /// <summary>The canonical family of a one-word legal form, or null.</summary>
    public static string? FamilyOf(string word) => Words.GetValueOrDefault(word);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // every name of every list passes here during the first build
    public static NameToken[] Canonicalize(IReadOnlyList<string> words)
    {
        var tokens = new List<NameToken>(words.Count);
        for (var i = 0; i < words.Count;)
        {
            var phrase = MatchPhrase(words, i);
            if (phrase is { } p)
            {
                var surface = string.Join(' ', words.Skip(i).Take(p.Length));
                foreach (var form in p.Form.Split(' ')) tokens.Add(new NameToken(form, TokenRole.LegalForm, surface));
                i += p.Length;
                continue;
            }
            if (NumberWords.Match(words, i) is { } number)
            {
                tokens.Add(NumberToken(number.Value, string.Join(' ', words.Skip(i).Take(number.Length))));
                i += number.Length;
                continue;
            }
            var word = words[i++];
            if (words.Count > 1 && Words.TryGetValue(word, out var family))
                foreach (var form in family.Split(' ')) tokens.Add(new NameToken(form, TokenRole.LegalForm, word));
            else tokens.Add(new NameToken(Particles.GetValueOrDefault(word, word), RoleOf(word), word));
        }
        return [.. tokens];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (int Length, string Form)? MatchPhrase(IReadOnlyList<string> words, int start)
    {
        // Most words start no phrase: one set lookup instead of a comparison with every phrase.
        if (!PhraseStarts.Contains(words[start])) return null;
        foreach (var (phrase, form) in Phrases)
        {
            // A name that is nothing but a legal form ("Limited Company") keeps its words.
            if (start + phrase.Length > words.Count || phrase.Length == words.Count) continue;
            var all = true;
            for (var k = 0; k < phrase.Length && all; k++) all = words[start + k] == phrase[k];
            if (all) return (phrase.Length, form);
        }
        return null;
    }

    private static TokenRole RoleOf(string word) =>
        Stopwords.Contains(word) ? TokenRole.Stopword
        : word.All(char.IsAsciiDigit) ? TokenRole.Number
        : word.Length == 1 ? TokenRole.Initial
        : TokenRole.Word;
}
