using Candor.Infrastructure;

namespace Candor.Features.Ads;

/// <summary>Field checks shared by the advertiser and ad records, each adding a readable message.</summary>
public static class Fields
{
    public static void RequiredText(FieldErrors errors, string key, string? value, int max)
    {
        if (string.IsNullOrWhiteSpace(value)) errors.Add(key, "is required and must not be blank");
        else OptionalText(errors, key, value, max);
    }

    public static void OptionalText(FieldErrors errors, string key, string? value, int max)
    {
        if (value is null) return;
        // Characters are Unicode scalar values, as PostgreSQL's varchar counts them; not UTF-16 units, not bytes.
        // Plain loops: this runs for every text field of every ingested record.
        var trimmed = value.AsSpan().Trim();
        var length = trimmed.Length;
        if (length > max)
        {
            length = 0;
            foreach (var _ in trimmed.EnumerateRunes()) length++;
            if (length > max) errors.Add(key, $"is {length} characters long; at most {max} are allowed");
        }
        foreach (var c in value)
        {
            if (!char.IsControl(c) || c is '\n' or '\r' or '\t') continue;
            errors.Add(key, "contains control characters");
            break;
        }
    }

    public static void Country(FieldErrors errors, string key, string value)
    {
        if (!IsoCodes.Countries.Contains(value.Trim().ToUpperInvariant()))
            errors.Add(key, $"'{Shorten(value)}' is not an ISO 3166-1 alpha-2 country code");
    }

    public static void Url(FieldErrors errors, string key, string? value)
    {
        if (value is null) return;
        OptionalText(errors, key, value, AdLimits.Url);
        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != "https" && uri.Scheme != "http"))
            errors.Add(key, "must be an absolute http or https URL");
    }

    public static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
