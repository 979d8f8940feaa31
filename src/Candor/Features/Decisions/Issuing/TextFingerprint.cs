using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Candor.Features.Decisions.Issuing;

/// <summary>
/// Fingerprints of a statement text that survive the edits a template gets between uses: case, accents,
/// punctuation, numbers, dates, urls, ids and the subject's own name are folded away before hashing, so
/// "Acme Ltd's ad 123 breaches…" and "Beta SA's ad 456 breaches…" have one fingerprint. Pure; docs/decisions.md.
/// </summary>
public static partial class TextFingerprint
{
    public const string SubjectPlaceholder = "<subject>";
    /// <summary>64 MinHash values in 16 bands of 4: texts with Jaccard similarity 0.7 share a band with probability ≈ 0.98.</summary>
    public const int Hashes = 64;
    public const int Bands = 16;
    private const int RowsPerBand = Hashes / Bands;
    private const int ShingleWords = 3;

    /// <summary>The text folded for comparison; <paramref name="subjectTerms"/> (names, external ids) become one placeholder.</summary>
    public static string Normalise(string text, IEnumerable<string?>? subjectTerms = null)
    {
        var folded = Fold(text);
        foreach (var term in (subjectTerms ?? []).Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => Fold(t!)).Where(t => t.Length >= 2)
                     .Distinct(StringComparer.Ordinal).OrderByDescending(t => t.Length))
            folded = Regex.Replace(folded, @"(?<![\p{L}\p{N}])" + Regex.Escape(term) + @"(?![\p{L}\p{N}])", " " + SubjectPlaceholder + " ",
                RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        folded = Url().Replace(folded, " <url> ");
        folded = Email().Replace(folded, " <email> ");
        folded = Date().Replace(folded, " <date> ");
        var words = Word().Matches(folded).Select(m => m.Value switch
        {
            var w when w.StartsWith('<') => w,
            var w when w.All(char.IsAsciiDigit) || NumberLike().IsMatch(w) => "<n>",
            var w when w.Any(char.IsAsciiDigit) => "<id>",
            var w => w,
        });
        return string.Join(' ', words);
    }

    /// <summary>A short stable hash of the normalised text (32 hex characters of SHA-256).</summary>
    public static string ExactHash(string normalised) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalised)))[..32];

    public static IReadOnlyList<string> Words(string normalised) =>
        normalised.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Word 3-grams (the whole text when shorter), as stable 64-bit hashes.</summary>
    public static HashSet<ulong> Shingles(string normalised)
    {
        var words = Words(normalised);
        var shingles = new HashSet<ulong>();
        if (words.Count == 0) return shingles;
        if (words.Count < ShingleWords) shingles.Add(FnvOfWords(words, 0, words.Count));
        for (var i = 0; i + ShingleWords <= words.Count; i++) shingles.Add(FnvOfWords(words, i, ShingleWords));
        return shingles;
    }

    /// <summary>The FNV-1a hash of <c>string.Join(' ', words[start..(start + count)])</c>, without building that string (the hot path's cost).</summary>
    private static ulong FnvOfWords(IReadOnlyList<string> words, int start, int count)
    {
        var hash = 14695981039346656037UL;
        for (var w = start; w < start + count; w++)
        {
            if (w > start) hash = (hash ^ ' ') * 1099511628211UL;
            foreach (var c in words[w]) hash = (hash ^ c) * 1099511628211UL;
        }
        return hash;
    }

    /// <summary>The MinHash signature: for each of <see cref="Hashes"/> seeded hash functions, the least hash over the shingles.</summary>
    public static ulong[] Signature(HashSet<ulong> shingles)
    {
        var signature = new ulong[Hashes];
        Array.Fill(signature, ulong.MaxValue);
        foreach (var shingle in shingles)
            for (var h = 0; h < Hashes; h++)
            {
                var value = Mix(shingle ^ Seeds[h]);
                if (value < signature[h]) signature[h] = value;
            }
        return signature;
    }

    /// <summary>The locality-sensitive band keys: two signatures sharing any key are candidates for a near-duplicate.</summary>
    public static string[] BandKeys(ulong[] signature)
    {
        var keys = new string[Bands];
        for (var b = 0; b < Bands; b++)
        {
            var hash = (ulong)b;
            for (var r = 0; r < RowsPerBand; r++) hash = Mix(hash ^ signature[b * RowsPerBand + r]);
            keys[b] = b.ToString("x2", CultureInfo.InvariantCulture) + hash.ToString("x16", CultureInfo.InvariantCulture);
        }
        return keys;
    }

    /// <summary>Estimated Jaccard similarity of the two texts' shingle sets.</summary>
    public static double Similarity(ulong[] a, ulong[] b)
    {
        var same = 0;
        for (var i = 0; i < Hashes; i++) if (a[i] == b[i]) same++;
        return same / (double)Hashes;
    }

    public static string Encode(ulong[] signature)
    {
        var bytes = new byte[Hashes * 8];
        for (var i = 0; i < Hashes; i++) BitConverter.TryWriteBytes(bytes.AsSpan(i * 8), signature[i]);
        return Convert.ToBase64String(bytes);
    }

    public static ulong[] Decode(string encoded)
    {
        var bytes = Convert.FromBase64String(encoded);
        var signature = new ulong[Hashes];
        for (var i = 0; i < Hashes; i++) signature[i] = BitConverter.ToUInt64(bytes, i * 8);
        return signature;
    }

    private static string Fold(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormKD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) builder.Append(char.ToLowerInvariant(c));
        return builder.ToString();
    }

    // Fixed seeds: fingerprints are stored, so the hash functions must never change between processes or versions.
    private static readonly ulong[] Seeds = Enumerable.Range(1, Hashes).Select(i => Mix(0x9E3779B97F4A7C15UL * (ulong)i)).ToArray();

    /// <summary>SplitMix64's finaliser: a cheap, well-spread 64-bit mix.</summary>
    private static ulong Mix(ulong x)
    {
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    [GeneratedRegex(@"(?:https?://|www\.)\S+")]
    private static partial Regex Url();

    [GeneratedRegex(@"\S+@\S+\.\S+")]
    private static partial Regex Email();

    [GeneratedRegex(@"\b\d{4}-\d{2}-\d{2}(?:[t ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?z?)?\b|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b")]
    private static partial Regex Date();

    [GeneratedRegex(@"<[a-z]+>|[\p{L}\p{N}]+(?:[.,'’-][\p{L}\p{N}]+)*")]
    private static partial Regex Word();

    [GeneratedRegex(@"^\d+(?:[.,]\d+)*$")]
    private static partial Regex NumberLike();
}
