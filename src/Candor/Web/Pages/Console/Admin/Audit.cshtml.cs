using System.Globalization;
using Candor.Data;
using Candor.Features.Audit;
using Candor.Features.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Candor.Web.Pages.Console.Admin;

/// <summary>
/// The audit trail for admins and auditors: the events of the platforms they hold one of those roles on (a super-admin
/// sees every event, including instance-wide ones such as sign-ins). Newest first, in pages of <see cref="PageSize"/>.
/// </summary>
public sealed class AuditModel(CandorDb db) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public long? Platform { get; set; }
    [BindProperty(SupportsGet = true)] public string? Actor { get; set; }
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    /// <summary>Show events older than this id (the "older" link); keyset paging stays fast on a long trail.</summary>
    [BindProperty(SupportsGet = true)] public long? Before { get; set; }

    public IReadOnlyList<AuditEvent> Events { get; private set; } = [];
    public long? OlderBefore { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var superAdmin = User.IsSuperAdmin();
        var readable = User.PlatformsWhere(Roles.Admin, Roles.Auditor);
        if (Platform is { } asked && !superAdmin && !readable.Contains(asked)) return new ForbidResult(ConsoleAuthentication.Scheme);

        var query = db.AuditEvents.AsNoTracking().Where(e => superAdmin || (e.PlatformId != null && readable.Contains(e.PlatformId.Value)));
        if (Platform is { } platform) query = query.Where(e => e.PlatformId == platform);
        if (!string.IsNullOrWhiteSpace(Actor))
        {
            var actor = Actor.Trim();
            if (actor.Contains('@', StringComparison.Ordinal))
            {
                var email = actor.ToLowerInvariant();
                var id = await db.Users.Where(u => u.Email == email).Select(u => (long?)u.Id).FirstOrDefaultAsync(ct);
                actor = id is null ? "user:none" : "user:" + id.Value.ToString(CultureInfo.InvariantCulture);
            }
            query = query.Where(e => e.Actor == actor);
        }
        if (!string.IsNullOrWhiteSpace(Kind)) query = query.Where(e => e.Action == Kind.Trim());
        if (From is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            query = query.Where(e => e.At >= start);
        }
        if (To is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            query = query.Where(e => e.At < end);
        }
        if (Before is { } before) query = query.Where(e => e.Id < before);
        var page = await query.OrderByDescending(e => e.Id).Take(PageSize + 1).ToListAsync(ct);
        Events = page.Take(PageSize).ToList();
        OlderBefore = page.Count > PageSize ? Events[^1].Id : null;
        return Page();
    }

    public string OlderLink() => QueryHelpers(new Dictionary<string, string?>
    {
        ["platform"] = Platform?.ToString(CultureInfo.InvariantCulture),
        ["actor"] = Actor,
        ["kind"] = Kind,
        ["from"] = From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["to"] = To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["before"] = OlderBefore?.ToString(CultureInfo.InvariantCulture),
    });

    private static string QueryHelpers(Dictionary<string, string?> values) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/console/admin/audit",
            values.Where(v => !string.IsNullOrEmpty(v.Value)).Select(v => KeyValuePair.Create(v.Key, v.Value)));
}
