using System.Globalization;

namespace Candor.Features.Rules;

/// <summary>The fields a rule may read, named as in the ingestion API (advertiser fields prefixed).</summary>
public enum RuleField
{
    Title,
    Body,
    Product,
    Subject,
    Beneficiary,
    Payer,
    LandingUrl,
    LandingDomain,
    Language,
    Format,
    Status,
    CommercialCommunication,
    ReachTotal,
    SpendMin,
    SpendMax,
    Currency,
    AdvertiserLegalName,
    AdvertiserDisplayName,
    AdvertiserCountry,
    AdvertiserVerificationStatus,
}

public static class RuleFields
{
    public const int Count = (int)RuleField.AdvertiserVerificationStatus + 1;

    private static readonly Dictionary<string, RuleField> ByName = Enum.GetValues<RuleField>()
        .ToDictionary(Name, f => f, StringComparer.Ordinal);

    public static IEnumerable<string> Names => ByName.Keys;

    public static string Name(RuleField field) => field switch
    {
        RuleField.AdvertiserLegalName => "advertiser.legal_name",
        RuleField.AdvertiserDisplayName => "advertiser.display_name",
        RuleField.AdvertiserCountry => "advertiser.country",
        RuleField.AdvertiserVerificationStatus => "advertiser.verification_status",
        _ => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(field.ToString()),
    };

    public static bool TryParse(string name, out RuleField field) => ByName.TryGetValue(name, out field);

    public static string? Read(RuleInput input, RuleField field)
    {
        var ad = input.Ad;
        var advertiser = input.Advertiser;
        return field switch
        {
            RuleField.Title => ad?.Title,
            RuleField.Body => ad?.Body,
            RuleField.Product => ad?.Product,
            RuleField.Subject => ad?.Subject,
            RuleField.Beneficiary => ad?.Beneficiary,
            RuleField.Payer => ad?.Payer,
            RuleField.LandingUrl => ad?.LandingUrl,
            RuleField.LandingDomain => LandingDomain(ad?.LandingUrl),
            RuleField.Language => ad?.Language,
            RuleField.Format => ad?.Format,
            RuleField.Status => ad?.Status is { } s ? SnakeNames<Ads.AdStatus>.Of(s) : null,
            RuleField.CommercialCommunication => ad?.CommercialCommunication is { } c ? (c ? "true" : "false") : null,
            RuleField.ReachTotal => ad?.ReachTotal?.ToString(CultureInfo.InvariantCulture),
            RuleField.SpendMin => ad?.SpendMin?.ToString(CultureInfo.InvariantCulture),
            RuleField.SpendMax => ad?.SpendMax?.ToString(CultureInfo.InvariantCulture),
            RuleField.Currency => ad?.Currency,
            RuleField.AdvertiserLegalName => advertiser?.LegalName,
            RuleField.AdvertiserDisplayName => advertiser?.DisplayName,
            RuleField.AdvertiserCountry => advertiser?.Country?.Trim().ToUpperInvariant(),
            RuleField.AdvertiserVerificationStatus => advertiser?.VerificationStatus is { } v ? SnakeNames<Advertisers.VerificationStatus>.Of(v) : null,
            _ => null,
        };
    }

    /// <summary>
    /// The value of a numeric field as the ad holds it, without the text round trip (formatting a number to parse it
    /// back cost a rule like "reach above one million" more than all its other work); null for other fields.
    /// </summary>
    public static decimal? Number(RuleInput input, RuleField field) => field switch
    {
        RuleField.ReachTotal => input.Ad?.ReachTotal,
        RuleField.SpendMin => input.Ad?.SpendMin,
        RuleField.SpendMax => input.Ad?.SpendMax,
        _ => null,
    };

    public static bool IsNumeric(RuleField field) => field is RuleField.ReachTotal or RuleField.SpendMin or RuleField.SpendMax;

    /// <summary>The host of the landing URL, lowercased, without a leading "www.".</summary>
    public static string? LandingDomain(string? url)
    {
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)) return null;
        var host = uri.IdnHost.TrimEnd('.').ToLowerInvariant();
        return host.StartsWith("www.", StringComparison.Ordinal) ? host[4..] : host;
    }

    /// <summary>Each enum value's API name, converted once rather than per read.</summary>
    private static class SnakeNames<T> where T : struct, Enum
    {
        private static readonly Dictionary<T, string> Names = Enum.GetValues<T>()
            .ToDictionary(v => v, v => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(v.ToString()));

        public static string Of(T value) => Names.TryGetValue(value, out var name) ? name : System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
    }
}
