using System.Net;
using System.Text.RegularExpressions;

namespace Candor.Features.Demo;

/// <summary>Facebook's ad HTML, as ProPublica's collector saved it, turned into the plain text a reader saw.</summary>
public static partial class FacebookHtml
{
    public static string ToPlainText(string html)
    {
        // The "…" that stood in for the text behind "See more" is not part of the ad; the text itself is kept.
        var text = SeeMorePlaceholder().Replace(html, "");
        text = ParagraphEnd().Replace(text, "\n\n");
        text = LineBreak().Replace(text, "\n");
        text = Tag().Replace(text, "");
        text = WebUtility.HtmlDecode(text).Replace('\u00a0', ' ');
        var lines = text.Split('\n').Select(l => Spaces().Replace(l, " ").Trim());
        return BlankLines().Replace(string.Join('\n', lines), "\n\n").Trim();
    }

    [GeneratedRegex("""<span class="text_exposed_hide">.*?</span>""", RegexOptions.Singleline)]
    private static partial Regex SeeMorePlaceholder();

    [GeneratedRegex("</p>|</div>", RegexOptions.IgnoreCase)]
    private static partial Regex ParagraphEnd();

    [GeneratedRegex("<br ?/?>", RegexOptions.IgnoreCase)]
    private static partial Regex LineBreak();

    [GeneratedRegex("<[^>]*>", RegexOptions.Singleline)]
    private static partial Regex Tag();

    [GeneratedRegex("[ \t]+")]
    private static partial Regex Spaces();

    [GeneratedRegex("\n{3,}")]
    private static partial Regex BlankLines();
}
