using Candor.Features.Ads;
using Candor.Features.Identity;
using Candor.Infrastructure;

namespace Candor.Features.Advertisers;

public enum VerificationStatus
{
    Unverified,
    Pending,
    Verified,
    Rejected,
}

public sealed record RegistrationId(string? Scheme, string? Value);

/// <summary>An advertiser as a platform submits it. A resubmission replaces the whole record.</summary>
public sealed record AdvertiserInput(
    string? Id,
    string? LegalName,
    string? DisplayName,
    string? Country,
    IReadOnlyList<RegistrationId>? RegistrationIds = null,
    VerificationStatus? VerificationStatus = null,
    string? ContactEmail = null)
{
    public void Validate(string prefix, FieldErrors errors)
    {
        Fields.RequiredText(errors, prefix + "id", Id, AdLimits.Id);
        Fields.RequiredText(errors, prefix + "legal_name", LegalName, AdLimits.Name);
        Fields.OptionalText(errors, prefix + "display_name", DisplayName, AdLimits.Name);
        if (string.IsNullOrWhiteSpace(Country)) errors.Add(prefix + "country", "is required (ISO 3166-1 alpha-2, e.g. \"DE\")");
        else Fields.Country(errors, prefix + "country", Country);
        if (!string.IsNullOrWhiteSpace(ContactEmail) && !EmailAddress.TryNormalise(ContactEmail, out _))
            errors.Add(prefix + "contact_email", "is not an email address (one @, no spaces, at most 320 characters)");
        if (RegistrationIds is { Count: > AdLimits.RegistrationIds })
            errors.Add(prefix + "registration_ids", $"has {RegistrationIds.Count} items; at most {AdLimits.RegistrationIds} are allowed");
        for (var i = 0; i < (RegistrationIds?.Count ?? 0); i++)
        {
            var reg = RegistrationIds![i];
            Fields.RequiredText(errors, $"{prefix}registration_ids[{i}].scheme", reg?.Scheme, AdLimits.ShortText);
            Fields.RequiredText(errors, $"{prefix}registration_ids[{i}].value", reg?.Value, AdLimits.ShortText);
        }
    }

    /// <summary>The record with text trimmed and defaults filled, as it is stored and hashed.</summary>
    public AdvertiserInput Normalised() => this with
    {
        Id = Id!.Trim(),
        LegalName = LegalName!.Trim(),
        DisplayName = Fields.Trimmed(DisplayName),
        Country = Country!.Trim().ToUpperInvariant(),
        RegistrationIds = RegistrationIds?.Select(r => new RegistrationId(r.Scheme!.Trim(), r.Value!.Trim())).ToList() ?? [],
        VerificationStatus = VerificationStatus ?? Advertisers.VerificationStatus.Unverified,
        ContactEmail = EmailAddress.TryNormalise(ContactEmail, out var email) ? email : null,
    };
}
