using System.Net;
using System.Text.RegularExpressions;

namespace Candor.Tests.Review;

/// <summary>What a browser would submit from a server-rendered form: its inputs, textareas and selected options, as rendered.</summary>
public static partial class HtmlForm
{
    public static Dictionary<string, string> Fields(string html)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match input in Input().Matches(html))
        {
            var tag = input.Value;
            if (Attribute(tag, "name") is not { } name || Attribute(tag, "type") is "submit" or "file") continue;
            if (Attribute(tag, "type") == "checkbox" && !tag.Contains("checked", StringComparison.Ordinal)) continue;
            fields[name] = Attribute(tag, "value") ?? "";
        }
        foreach (Match area in TextArea().Matches(html))
            fields[WebUtility.HtmlDecode(area.Groups[1].Value)] = WebUtility.HtmlDecode(area.Groups[2].Value);
        foreach (Match select in Select().Matches(html))
        {
            var selected = SelectedOption().Match(select.Groups[2].Value);
            var first = Option().Match(select.Groups[2].Value);
            fields[WebUtility.HtmlDecode(select.Groups[1].Value)] = WebUtility.HtmlDecode(selected.Success ? selected.Groups[1].Value : first.Groups[1].Value);
        }
        return fields;
    }

    private static string? Attribute(string tag, string name)
    {
        var match = Regex.Match(tag, $"\\s{name}=\"([^\"]*)\"");
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }

    [GeneratedRegex("<input\\b[^>]*>")]
    private static partial Regex Input();

    [GeneratedRegex("<textarea\\b[^>]*\\sname=\"([^\"]+)\"[^>]*>(.*?)</textarea>", RegexOptions.Singleline)]
    private static partial Regex TextArea();

    [GeneratedRegex("<select\\b[^>]*\\sname=\"([^\"]+)\"[^>]*>(.*?)</select>", RegexOptions.Singleline)]
    private static partial Regex Select();

    [GeneratedRegex("<option\\s+value=\"([^\"]*)\"\\s+selected=\"selected\"")]
    private static partial Regex SelectedOption();

    [GeneratedRegex("<option\\s+value=\"([^\"]*)\"")]
    private static partial Regex Option();
}
