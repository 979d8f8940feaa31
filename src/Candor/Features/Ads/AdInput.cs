using Candor.Infrastructure;

namespace Candor.Features.Ads;

public enum AdStatus
{
    Active,
    Ended,
    Removed,
}

public enum TargetingMode
{
    Included,
    Excluded,
}

public enum TargetingCategory
{
    Age,
    Gender,
    Location,
    Language,
    Interest,
    Behaviour,
    CustomAudience,
    LookalikeAudience,
    Device,
    Placement,
    Other,
}

public enum MediaType
{
    Image,
    Video,
    Audio,
    Text,
    Html,
    Other,
}

public sealed record TargetingCriterion(TargetingCategory? Category, string? Parameter, IReadOnlyList<string>? Values, TargetingMode? Mode);

public sealed record MediaReference(MediaType? Type, string? Url);

/// <summary>
/// An ad as a platform submits it: the DSA Art. 39(2) and Art. 26 fields. A resubmission replaces the whole record.
/// </summary>
public sealed record AdInput(
    string? Id,
    string? AdvertiserId,
    string? Title = null,
    string? Body = null,
    string? LandingUrl = null,
    IReadOnlyList<MediaReference>? Media = null,
    string? Format = null,
    string? Language = null,
    string? Product = null,
    string? Subject = null,
    DateTimeOffset? DeliveryStart = null,
    DateTimeOffset? DeliveryEnd = null,
    string? Beneficiary = null,
    string? Payer = null,
    AdStatus? Status = null,
    IReadOnlyList<TargetingCriterion>? Targeting = null,
    long? ReachTotal = null,
    IReadOnlyDictionary<string, long>? ReachByCountry = null,
    long? ImpressionsMin = null,
    long? ImpressionsMax = null,
    decimal? SpendMin = null,
    decimal? SpendMax = null,
    string? Currency = null,
    bool? CommercialCommunication = null)
{
    public void Validate(string prefix, FieldErrors errors)
    {
        Fields.RequiredText(errors, prefix + "id", Id, AdLimits.Id);
        Fields.RequiredText(errors, prefix + "advertiser_id", AdvertiserId, AdLimits.Id);
        Fields.OptionalText(errors, prefix + "title", Title, AdLimits.Title);
        Fields.OptionalText(errors, prefix + "body", Body, AdLimits.Body);
        if (string.IsNullOrWhiteSpace(Title) && string.IsNullOrWhiteSpace(Body) && (Media is null || Media.Count == 0))
            errors.Add(prefix + "body", "an ad needs content: give at least one of title, body or media (DSA Art. 39(2)(a))");
        Fields.Url(errors, prefix + "landing_url", LandingUrl);
        ValidateMedia(prefix, errors);
        Fields.OptionalText(errors, prefix + "format", Format, AdLimits.ShortText);
        if (Language is not null && !IsoCodes.Languages.Contains(Language.Trim().ToLowerInvariant()))
            errors.Add(prefix + "language", $"'{Fields.Shorten(Language)}' is not an ISO 639-1 language code");
        Fields.OptionalText(errors, prefix + "product", Product, AdLimits.Name);
        Fields.OptionalText(errors, prefix + "subject", Subject, AdLimits.Name);
        Fields.OptionalText(errors, prefix + "beneficiary", Beneficiary, AdLimits.Name);
        Fields.OptionalText(errors, prefix + "payer", Payer, AdLimits.Name);
        ValidateDelivery(prefix, errors);
        ValidateTargeting(prefix, errors);
        ValidateReach(prefix, errors);
        ValidateRanges(prefix, errors);
    }

    private void ValidateMedia(string prefix, FieldErrors errors)
    {
        if (Media is null) return;
        if (Media.Count > AdLimits.MediaItems)
            errors.Add(prefix + "media", $"has {Media.Count} items; at most {AdLimits.MediaItems} are allowed");
        for (var i = 0; i < Media.Count; i++)
        {
            if (Media[i]?.Type is null) errors.Add($"{prefix}media[{i}].type", "is required");
            if (Media[i]?.Url is null) errors.Add($"{prefix}media[{i}].url", "is required");
            else Fields.Url(errors, $"{prefix}media[{i}].url", Media[i].Url);
        }
    }

    private void ValidateDelivery(string prefix, FieldErrors errors)
    {
        if (DeliveryStart is null) errors.Add(prefix + "delivery_start", "is required (ISO 8601 date-time with offset)");
        else if (DeliveryStart.Value.Year < 2000) errors.Add(prefix + "delivery_start", "must not be before the year 2000");
        if (DeliveryStart is not null && DeliveryEnd is not null && DeliveryEnd < DeliveryStart)
            errors.Add(prefix + "delivery_end", "must not be before delivery_start");
    }

    private void ValidateTargeting(string prefix, FieldErrors errors)
    {
        if (Targeting is null) return;
        if (Targeting.Count > AdLimits.TargetingItems)
            errors.Add(prefix + "targeting", $"has {Targeting.Count} items; at most {AdLimits.TargetingItems} are allowed");
        for (var i = 0; i < Targeting.Count; i++)
        {
            var key = $"{prefix}targeting[{i}]";
            var criterion = Targeting[i];
            if (criterion?.Category is null) errors.Add(key + ".category", "is required");
            if (criterion?.Mode is null) errors.Add(key + ".mode", "is required: \"included\" or \"excluded\"");
            Fields.OptionalText(errors, key + ".parameter", criterion?.Parameter, AdLimits.ShortText);
            var values = criterion?.Values;
            if (values is null || values.Count == 0) { errors.Add(key + ".values", "needs at least one value"); continue; }
            if (values.Count > AdLimits.TargetingValues)
                errors.Add(key + ".values", $"has {values.Count} items; at most {AdLimits.TargetingValues} are allowed");
            for (var v = 0; v < values.Count; v++) Fields.RequiredText(errors, $"{key}.values[{v}]", values[v], AdLimits.TargetingValue);
        }
    }

    private void ValidateReach(string prefix, FieldErrors errors)
    {
        if (ReachTotal < 0) errors.Add(prefix + "reach_total", "must not be negative");
        if (ReachByCountry is null) return;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (country, reach) in ReachByCountry)
        {
            if (!seen.Add(country.Trim().ToUpperInvariant()))
                errors.Add($"{prefix}reach_by_country.{country}", "names a country twice");
            Fields.Country(errors, $"{prefix}reach_by_country.{country}", country);
            if (reach < 0) errors.Add($"{prefix}reach_by_country.{country}", "must not be negative");
        }
    }

    private void ValidateRanges(string prefix, FieldErrors errors)
    {
        if (ImpressionsMin < 0) errors.Add(prefix + "impressions_min", "must not be negative");
        if (ImpressionsMin is not null && ImpressionsMax is not null && ImpressionsMax < ImpressionsMin)
            errors.Add(prefix + "impressions_max", "must not be less than impressions_min");
        if (SpendMin < 0) errors.Add(prefix + "spend_min", "must not be negative");
        if (SpendMin is not null && SpendMax is not null && SpendMax < SpendMin)
            errors.Add(prefix + "spend_max", "must not be less than spend_min");
        if ((SpendMin is not null || SpendMax is not null) && Currency is null)
            errors.Add(prefix + "currency", "is required when a spend range is given");
        if (Currency is not null && !IsoCodes.Currencies.Contains(Currency.Trim().ToUpperInvariant()))
            errors.Add(prefix + "currency", $"'{Fields.Shorten(Currency)}' is not an ISO 4217 currency code");
    }

    /// <summary>The record with text trimmed, codes cased and instants in UTC, as it is stored and hashed.</summary>
    public AdInput Normalised() => this with
    {
        Id = Id!.Trim(),
        AdvertiserId = AdvertiserId!.Trim(),
        Title = Fields.Trimmed(Title),
        Body = Fields.Trimmed(Body),
        LandingUrl = Fields.Trimmed(LandingUrl),
        Media = Media?.Select(m => new MediaReference(m.Type, m.Url!.Trim())).ToList() ?? [],
        Format = Fields.Trimmed(Format),
        Language = Fields.Trimmed(Language)?.ToLowerInvariant(),
        Product = Fields.Trimmed(Product),
        Subject = Fields.Trimmed(Subject),
        DeliveryStart = DeliveryStart!.Value.ToUniversalTime(),
        DeliveryEnd = DeliveryEnd?.ToUniversalTime(),
        Beneficiary = Fields.Trimmed(Beneficiary),
        Payer = Fields.Trimmed(Payer),
        Status = Status ?? AdStatus.Active,
        Targeting = Targeting?.Select(t => t with { Parameter = Fields.Trimmed(t.Parameter), Values = t.Values!.Select(v => v.Trim()).ToList() }).ToList() ?? [],
        ReachByCountry = ReachByCountry?.OrderBy(r => r.Key, StringComparer.Ordinal)
            .ToDictionary(r => r.Key.Trim().ToUpperInvariant(), r => r.Value) ?? new Dictionary<string, long>(),
        Currency = Fields.Trimmed(Currency)?.ToUpperInvariant(),
        CommercialCommunication = CommercialCommunication ?? false,
    };
}
