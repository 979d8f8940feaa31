using System.Text;
using System.Text.Unicode;

namespace Candor.Features.Demo;

/// <summary>
/// Undoes one kind of mojibake: UTF-8 bytes that were read as Mac Roman and saved again as UTF-8 (Excel on a Mac),
/// so `I’m` became `I‚Äôm`. Repairs only when every character maps back to a Mac Roman byte, those bytes are valid
/// UTF-8, and the result has fewer mojibake markers; correct text (`café`, `’`, emoji) is returned unchanged.
/// </summary>
public static class MacRomanMojibake
{
    // The Mac Roman byte of every UTF-16 character that has one, else -1.
    private static readonly short[] ByteOf = MapBack();

    public static string Repair(string text)
    {
        var markers = Markers(text);
        if (markers == 0) return text;
        var bytes = new byte[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            var b = ByteOf[text[i]];
            if (b < 0) return text;
            bytes[i] = (byte)b;
        }
        if (!Utf8.IsValid(bytes)) return text;
        var repaired = Encoding.UTF8.GetString(bytes);
        return Markers(repaired) < markers ? repaired : text;
    }

    /// <summary>
    /// Pairs of characters whose Mac Roman bytes would open a UTF-8 sequence (0xC2–0xF4) and continue it
    /// (0x80–0xBF), like `‚Ä` or `√©`. Real text rarely has them; mojibake has one or more per misread character.
    /// </summary>
    public static int Markers(string text)
    {
        var count = 0;
        for (var i = 0; i + 1 < text.Length; i++)
        {
            if (ByteOf[text[i]] is >= 0xC2 and <= 0xF4 && ByteOf[text[i + 1]] is >= 0x80 and <= 0xBF) count++;
        }
        return count;
    }

    private static short[] MapBack()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var macRoman = Encoding.GetEncoding(10000, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        var map = new short[char.MaxValue + 1];
        Array.Fill(map, (short)-1);
        var chars = macRoman.GetChars([.. Enumerable.Range(0, 256).Select(b => (byte)b)]);
        for (var b = 0; b < chars.Length; b++) map[chars[b]] = (short)b;
        // Windows' code page 10000 decodes 0xBD as the ohm sign (U+2126); Apple's own table, which the Macs that
        // made this mojibake used, as Greek capital omega (U+03A9). Both stand for the same byte.
        map['\u03a9'] = 0xBD;
        return map;
    }
}
