using Candor.Features.Ads;

namespace Candor.Web.Pages.Ads;

/// <summary>
/// What a page names an ad by and quotes from it. Many real ads have no headline, only text, so an untitled ad is
/// named by the start of its text rather than by "(untitled ad)" or its database id.
/// </summary>
public sealed record AdSummary(string Headline, string? Excerpt)
{
    private const int HeadlineLength = 90;
    private const int ExcerptLength = 240;

    public static AdSummary Of(PublicAd ad)
    {
        if (ad.ContentWithheld) return new("Removed ad", null);
        if (ad.Title is { } title) return new(title, Shorten(ad.Body, ExcerptLength));
        if (ad.Body is not { } body) return new($"Ad by {ad.Advertiser.Name}", null);
        // The first line names the ad (cut if long; the detail page has it whole); the rest is the excerpt.
        var lines = body.Trim().Split('\n', 2);
        return new(Shorten(lines[0].Trim(), HeadlineLength)!, lines.Length > 1 ? Shorten(lines[1].Trim(), ExcerptLength) : null);
    }

    /// <summary>The advertiser as the list shows it: the name, and the legal name when it differs.</summary>
    public static string Advertiser(PublicAdvertiser advertiser) =>
        advertiser.Name == advertiser.LegalName ? advertiser.Name : $"{advertiser.Name} ({advertiser.LegalName})";

    /// <summary>"2018-01-30" for a one-day ad, "2023-09-04 – 2023-09-10" for a period, "since 2026-11-01" while running.</summary>
    public static string Period(PublicAd ad)
    {
        var start = ad.DeliveryStart.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        if (ad.DeliveryEnd is not { } end) return "since " + start;
        var last = end.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return last == start ? start : $"{start} – {last}";
    }

    private static string? Shorten(string? text, int length)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (text.Length <= length) return text;
        var cut = text[..length];
        // Never leave half a surrogate pair, and prefer ending at a word.
        if (char.IsHighSurrogate(cut[^1])) cut = cut[..^1];
        var space = cut.LastIndexOf(' ');
        return (space > length / 2 ? cut[..space] : cut).TrimEnd() + "…";
    }
}
