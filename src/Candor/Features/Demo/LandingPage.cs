using System.Text.RegularExpressions;

namespace Candor.Features.Demo;

/// <summary>
/// The ad-library exports have no landing URL, only the caption Facebook shows under a link ad, which is usually
/// the landing domain (`YES23.COM.AU`). A caption that is a plain host name becomes `https://host`; anything else, none.
/// </summary>
public static partial class LandingPage
{
    public static string? FromCaption(string? caption)
    {
        var host = caption?.Trim().ToLowerInvariant();
        return host is not null && HostName().IsMatch(host) ? "https://" + host : null;
    }

    [GeneratedRegex(@"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}$")]
    private static partial Regex HostName();
}
