using Candor.Data;
using Candor.Features.Screening.Vetting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Candor.Web.Pages.Console.Findings;

/// <summary><c>/console/screening/findings</c>: the platform's findings, best score and longest waiting first, filtered by state and list.</summary>
public sealed class IndexModel(CandorDb db) : FindingsPage(db)
{
    [BindProperty(SupportsGet = true)] public string? State { get; set; }
    [BindProperty(SupportsGet = true)] public string? List { get; set; }
    [BindProperty(SupportsGet = true)] public string? Cursor { get; set; }
    public FindingPage? Findings { get; private set; }
    public IReadOnlyList<string> Errors { get; private set; } = [];
    /// <summary>The lists this platform has findings on, for the filter.</summary>
    public IReadOnlyList<string> Lists { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        State = string.IsNullOrWhiteSpace(State) ? FindingStates.Open : State;
        var (page, errors) = await ReadFindings.PageAsync(Db, PlatformId, new FindingFilter(State, string.IsNullOrWhiteSpace(List) ? null : List, Cursor), ct);
        Findings = page;
        Errors = [.. errors.Describe()];
        Lists = await Db.ScreeningFindings.AsNoTracking().Where(f => f.PlatformId == PlatformId).Select(f => f.ListSlug).Distinct().OrderBy(s => s).ToListAsync(ct);
    }
}
