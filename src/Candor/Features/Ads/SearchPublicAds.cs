using System.Globalization;
using Candor.Data;
using Candor.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Candor.Features.Ads;

/// <summary>The filters of the public ad search; every one optional.</summary>
public sealed record AdSearch(
    string? Q = null, string? Advertiser = null, string? Payer = null, string? Country = null,
    DateTimeOffset? From = null, DateTimeOffset? To = null, string? Status = null, string? Cursor = null, int? Limit = null);

public sealed record AdPage(IReadOnlyList<PublicAd> Data, string? NextCursor);

/// <summary>
/// GET /api/v1/public/ads: search every ad that ran, newest delivery first. The order (delivery start, then id)
/// is total, so the cursor — the last row's position — pages without gaps or repeats while ads keep arriving.
/// </summary>
public static class SearchPublicAds
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public static async Task<Results<Ok<AdPage>, ProblemHttpResult>> HandleAsync(
        [AsParameters] AdSearch search, CandorDb db, CancellationToken ct)
    {
        var errors = Validate(search);
        if (errors.Any) return Problems.Validation(StatusCodes.Status400BadRequest, "Invalid search", errors);
        return TypedResults.Ok(await RunAsync(db, search, ct));
    }

    public static FieldErrors Validate(AdSearch search)
    {
        var errors = new FieldErrors();
        if (search.Country is { } c && !IsoCodes.Countries.Contains(c.Trim().ToUpperInvariant()))
            errors.Add("country", "must be an ISO 3166-1 alpha-2 code");
        if (search.Status is { } s && !Enum.TryParse<AdStatus>(s, ignoreCase: true, out _))
            errors.Add("status", "must be active, ended or removed");
        if (search.Limit is < 1 or > MaxLimit) errors.Add("limit", $"must be 1 to {MaxLimit}");
        if (search.Cursor is not null && Cursor.Decode(search.Cursor) is null) errors.Add("cursor", "is not a cursor this API gave out");
        if (search.Q?.Length > 200) errors.Add("q", "must be at most 200 characters");
        if (search.From > search.To) errors.Add("to", "must not be before from");
        return errors;
    }

    public static async Task<AdPage> RunAsync(CandorDb db, AdSearch search, CancellationToken ct)
    {
        var limit = search.Limit ?? DefaultLimit;
        var ads = db.Ads.AsNoTracking();
        if (Folded(search.Q) is { } q) ads = ads.Where(a => a.TextSearch.Contains(q) || a.Advertiser!.NameSearch.Contains(q));
        if (Folded(search.Advertiser) is { } advertiser) ads = ads.Where(a => a.Advertiser!.NameSearch.Contains(advertiser));
        if (Folded(search.Payer) is { } payer)
            ads = ads.Where(a => a.PayerSearch.Contains(payer) || (a.PayerSearch == "" && a.Advertiser!.NameSearch.Contains(payer)));
        if (search.Country is { } country) ads = ads.Where(a => a.ReachCountries.Contains("," + country.Trim().ToUpperInvariant() + ","));
        if (search.Status is { } status)
        {
            var wanted = status.Trim().ToLowerInvariant();
            ads = ads.Where(a => a.Status == wanted);
        }
        // An ad ran in [from, to] when its delivery period overlaps it.
        if (search.To is { } to) ads = ads.Where(a => a.DeliveryStart <= to);
        if (search.From is { } from) ads = ads.Where(a => a.DeliveryEnd == null || a.DeliveryEnd >= from);
        if (search.Cursor is not null && Cursor.Decode(search.Cursor) is var (start, id))
            ads = ads.Where(a => a.DeliveryStart < start || (a.DeliveryStart == start && a.Id < id));
        ads = ads.OrderByDescending(a => a.DeliveryStart).ThenByDescending(a => a.Id).Take(limit + 1);
        var rows = await AdRow.Select(ads, db.Platforms).ToListAsync(ct);
        // The join loses the order on some engines; restore it.
        rows = rows.OrderByDescending(r => r.DeliveryStart).ThenByDescending(r => r.Id).ToList();
        var next = rows.Count > limit ? Cursor.Encode(rows[limit - 1].DeliveryStart, rows[limit - 1].Id) : null;
        return new AdPage(rows.Take(limit).Select(PublicAd.From).ToList(), next);
    }

    private static string? Folded(string? text) => string.IsNullOrWhiteSpace(text) ? null : SearchText.Fold(text);

    private static class Cursor
    {
        public static string Encode(DateTimeOffset start, long id) =>
            Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(
                string.Create(CultureInfo.InvariantCulture, $"{start.UtcTicks}.{id}"))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        public static (DateTimeOffset Start, long Id)? Decode(string cursor)
        {
            try
            {
                var padded = cursor.Replace('-', '+').Replace('_', '/');
                padded += new string('=', (4 - padded.Length % 4) % 4);
                var parts = System.Text.Encoding.ASCII.GetString(Convert.FromBase64String(padded)).Split('.');
                if (parts.Length != 2) return null;
                var ticks = long.Parse(parts[0], CultureInfo.InvariantCulture);
                var id = long.Parse(parts[1], CultureInfo.InvariantCulture);
                return (new DateTimeOffset(ticks, TimeSpan.Zero), id);
            }
            catch (FormatException) { return null; }
            catch (OverflowException) { return null; }
            catch (ArgumentOutOfRangeException) { return null; }
        }
    }
}
