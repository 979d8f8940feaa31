using System.Globalization;
using System.Text;

namespace Candor.Features.Demo;

/// <summary>
/// The Guardian's export wrote list fields as Python's repr (`['fb.me', "NT, let's go"]`). This reads such a list of
/// string literals back, with Python's escapes (`\n`, `\'`, `\xa0`, `\u200b`). Text that is not a whole list is
/// returned as its only value, so a plain field passes through unchanged.
/// </summary>
public static class PythonListText
{
    public static IReadOnlyList<string> Values(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        var trimmed = text.Trim();
        return trimmed.StartsWith('[') && trimmed.EndsWith(']') && TryParse(trimmed, out var values) ? values : [trimmed];
    }

    /// <summary>The distinct non-blank values in order, joined; null when there are none.</summary>
    public static string? Joined(string? text, string separator)
    {
        var values = Values(text).Select(v => v.Trim()).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        return values.Count == 0 ? null : string.Join(separator, values);
    }

    private static bool TryParse(string list, out List<string> values)
    {
        values = [];
        var i = 1;
        while (true)
        {
            while (i < list.Length && (list[i] == ' ' || list[i] == ',')) i++;
            if (i >= list.Length) return false;
            if (list[i] == ']') return i == list.Length - 1;
            if (list[i] is not ('\'' or '"')) return false;
            var quote = list[i++];
            var value = new StringBuilder();
            while (i < list.Length && list[i] != quote)
            {
                if (list[i] != '\\') { value.Append(list[i++]); continue; }
                if (!TryEscape(list, ref i, value)) return false;
            }
            if (i >= list.Length) return false;
            i++;
            values.Add(value.ToString());
        }
    }

    // At a backslash: appends what the escape stands for and moves past it.
    private static bool TryEscape(string list, ref int i, StringBuilder value)
    {
        if (i + 1 >= list.Length) return false;
        var kind = list[i + 1];
        var hexDigits = kind switch { 'x' => 2, 'u' => 4, 'U' => 8, _ => 0 };
        if (hexDigits > 0)
        {
            if (i + 2 + hexDigits > list.Length
                || !int.TryParse(list.AsSpan(i + 2, hexDigits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code)
                || !Rune.IsValid(code))
                return false;
            value.Append(new Rune(code).ToString());
            i += 2 + hexDigits;
            return true;
        }
        value.Append(kind switch { 'n' => "\n", 't' => "\t", 'r' => "\r", '\\' => "\\", '\'' => "'", '"' => "\"", _ => "\\" + kind });
        i += 2;
        return true;
    }
}
