using System.Globalization;

namespace Candor.Web.Pages.Console.Review;

/// <summary>How the review pages write instants and ages.</summary>
public static class ReviewFormat
{
    public static string When(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "—";

    public static string Age(DateTimeOffset since, DateTimeOffset now)
    {
        var age = now - since;
        return age.TotalDays >= 1 ? $"{(int)age.TotalDays} d {age.Hours} h"
            : age.TotalHours >= 1 ? $"{(int)age.TotalHours} h {age.Minutes} min"
            : $"{Math.Max(0, (int)age.TotalMinutes)} min";
    }
}
