using System.Text.Json;
using Candor.Data;
using Candor.Features.Tokens;
using Candor.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Candor.Features.Advertisers;

/// <summary>The platform's private view of one of its advertisers.</summary>
public sealed record AdvertiserView(
    string Id,
    string LegalName,
    string? DisplayName,
    string Country,
    IReadOnlyList<RegistrationId> RegistrationIds,
    string VerificationStatus,
    /// <summary>Private to the platform: where Candor emails notices of decisions.</summary>
    string? ContactEmail,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>GET /api/v1/advertisers/{id}, by the platform's own id; another platform's advertiser is simply not found.</summary>
public static class GetAdvertiser
{
    public static async Task<Results<Ok<AdvertiserView>, ProblemHttpResult>> HandleAsync(
        string id, HttpContext http, CandorDb db, CancellationToken ct)
    {
        var platformId = http.User.PlatformId();
        var row = await db.Advertisers.AsNoTracking()
            .Where(a => a.PlatformId == platformId && a.ExternalId == id)
            .Select(a => new { a.ExternalId, a.LegalName, a.DisplayName, a.Country, a.RegistrationIdsJson, a.VerificationStatus, a.ContactEmail, a.CreatedAt, a.UpdatedAt })
            .FirstOrDefaultAsync(ct);
        if (row is null) return Problems.NotFound($"This platform has no advertiser with id '{Ads.Fields.Shorten(id)}'.");
        var registrations = JsonSerializer.Deserialize<List<RegistrationId>>(row.RegistrationIdsJson, CandorJson.Output) ?? [];
        return TypedResults.Ok(new AdvertiserView(row.ExternalId, row.LegalName, row.DisplayName, row.Country, registrations,
            row.VerificationStatus, row.ContactEmail, row.CreatedAt, row.UpdatedAt));
    }
}
