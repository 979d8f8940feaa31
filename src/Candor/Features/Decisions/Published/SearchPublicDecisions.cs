using System.Globalization;
using System.Text;
using Candor.Data;
using Candor.Features.Decisions.Tdb;
using Candor.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Candor.Features.Decisions.Published;

/// <summary>The filters of the public decision search; every one optional. Enum filters take the TDB's API keys.</summary>
public sealed record DecisionSearch(
    string? Advertiser = null, string? Clause = null, string? Category = null, string? Ground = null,
    string? Automation = null, string? Platform = null, string? Status = null, DateOnly? From = null, DateOnly? To = null,
    string? Cursor = null, int? Limit = null);

public sealed record DecisionPage(IReadOnlyList<PublicDecision> Data, string? NextCursor);

/// <summary>
/// GET /api/v1/public/decisions: issued decisions, newest issue first. Dates are UTC days of issue. The order
/// (issued at, then id) is total, so the cursor pages without gaps or repeats while decisions keep arriving.
/// </summary>
public static class SearchPublicDecisions
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public static async Task<Results<Ok<DecisionPage>, ProblemHttpResult>> HandleAsync(
        [AsParameters] DecisionSearch search, CandorDb db, CancellationToken ct)
    {
        var errors = Validate(search);
        if (errors.Any) return Problems.Validation(StatusCodes.Status400BadRequest, "Invalid search", errors);
        return TypedResults.Ok(await RunAsync(db, search, ct));
    }

    public static FieldErrors Validate(DecisionSearch search)
    {
        var errors = new FieldErrors();
        if (search.Category is { } c && !TdbEnums.Categories.Contains(c)) errors.Add("category", "must be a STATEMENT_CATEGORY_… value");
        if (search.Ground is { } g && !TdbEnums.DecisionGrounds.Contains(g)) errors.Add("ground", "must be DECISION_GROUND_ILLEGAL_CONTENT or DECISION_GROUND_INCOMPATIBLE_CONTENT");
        if (search.Automation is { } a && !TdbEnums.AutomatedDecisions.Contains(a)) errors.Add("automation", "must be an AUTOMATED_DECISION_… value");
        if (search.Status is { } s && !PublicDecisions.PublicStatuses.Contains(s)) errors.Add("status", "must be issued, superseded or reversed");
        if (search.Limit is < 1 or > MaxLimit) errors.Add("limit", $"must be 1 to {MaxLimit}");
        if (search.Cursor is not null && DecodeCursor(search.Cursor) is null) errors.Add("cursor", "is not a cursor this API gave out");
        if (search.Advertiser?.Length > 200) errors.Add("advertiser", "must be at most 200 characters");
        if (search.Clause?.Length > 200) errors.Add("clause", "must be at most 200 characters");
        if (search.From > search.To) errors.Add("to", "must not be before from");
        return errors;
    }

    public static async Task<DecisionPage> RunAsync(CandorDb db, DecisionSearch search, CancellationToken ct)
    {
        var limit = search.Limit ?? DefaultLimit;
        var query = db.Decisions.AsNoTracking().Visible();
        if (Blank(search.Advertiser) is { } advertiser)
        {
            var folded = SearchText.Fold(advertiser);
            query = query.Where(d => d.AdvertiserId != null && db.Advertisers.Any(a => a.Id == d.AdvertiserId && a.NameSearch.Contains(folded)));
        }
        if (Blank(search.Clause) is { } clause) query = query.Where(d => d.ClauseId != null && d.ClauseId.StartsWith(clause));
        if (search.Category is { } category)
        {
            var quoted = "\"" + category + "\"";
            query = query.Where(d => d.Category == category || d.CategoryAddition.Contains(quoted));
        }
        if (search.Ground is { } ground) query = query.Where(d => d.DecisionGround == ground);
        if (search.Automation is { } automation) query = query.Where(d => d.AutomatedDecision == automation);
        if (search.Status is { } status) query = query.Where(d => d.Status == status);
        if (Blank(search.Platform) is { } platform) query = query.Where(d => db.Platforms.Any(p => p.Id == d.PlatformId && p.Slug == platform));
        if (search.From is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            query = query.Where(d => d.IssuedAt >= start);
        }
        if (search.To is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            query = query.Where(d => d.IssuedAt < end);
        }
        if (search.Cursor is not null && DecodeCursor(search.Cursor) is var (at, id))
            query = query.Where(d => d.IssuedAt < at || (d.IssuedAt == at && d.Id < id));
        query = query.OrderByDescending(d => d.IssuedAt).ThenByDescending(d => d.Id).Take(limit + 1);
        var rows = await PublicDecisions.LoadAsync(db, query, ct);
        // The subqueries may lose the order on some engines; restore it.
        var ordered = rows.OrderByDescending(r => r.Public.IssuedAt).ThenByDescending(r => r.Id).ToList();
        var next = ordered.Count > limit ? EncodeCursor(ordered[limit - 1].Public.IssuedAt, ordered[limit - 1].Id) : null;
        return new DecisionPage(ordered.Take(limit).Select(r => r.Public).ToList(), next);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string EncodeCursor(DateTimeOffset at, long id) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{at.UtcTicks}.{id}")))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static (DateTimeOffset At, long Id)? DecodeCursor(string cursor)
    {
        try
        {
            var padded = cursor.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - padded.Length % 4) % 4);
            var parts = Encoding.ASCII.GetString(Convert.FromBase64String(padded)).Split('.');
            if (parts.Length != 2) return null;
            var ticks = long.Parse(parts[0], CultureInfo.InvariantCulture);
            var id = long.Parse(parts[1], CultureInfo.InvariantCulture);
            return (new DateTimeOffset(ticks, TimeSpan.Zero), id);
        }
        catch (Exception ex) when (ex is FormatException or OverflowException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}
