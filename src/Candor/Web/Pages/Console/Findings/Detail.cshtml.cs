using Candor.Data;
using Candor.Features.Identity;
using Candor.Features.Screening.Vetting;
using Microsoft.AspNetCore.Mvc;

namespace Candor.Web.Pages.Console.Findings;

/// <summary>
/// <c>/console/screening/findings/{id}</c>: one finding with the advertiser, the name screened, the list entry and the
/// explanation stored when it matched; reviewers clear (false positive) or confirm (true match) it with a reason.
/// </summary>
public sealed class DetailModel(CandorDb db, TimeProvider clock) : FindingsPage(db)
{
    [BindProperty(SupportsGet = true)] public long Id { get; set; }
    [BindProperty] public string? Reason { get; set; }
    public FindingDetail? Finding { get; private set; }
    public string? Error { get; private set; }
    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Done = TempData["FindingReviewed"] as string;
        Finding = await ReadFindings.DetailAsync(Db, PlatformId, Id, ct);
        return Finding is null ? NotFound() : Page();
    }

    public Task<IActionResult> OnPostClearAsync(CancellationToken ct) => ReviewAsync(FindingVerdict.Clear, ct);

    public Task<IActionResult> OnPostConfirmAsync(CancellationToken ct) => ReviewAsync(FindingVerdict.Confirm, ct);

    private async Task<IActionResult> ReviewAsync(FindingVerdict verdict, CancellationToken ct)
    {
        var result = await ReviewFinding.RunAsync(Db, clock, PlatformId, Id, verdict, Reason, User.Actor(), MayRedecide,
            HttpContext.Connection.RemoteIpAddress?.ToString(), ct);
        if (result.NotFound) return NotFound();
        if (result.Finding is not null)
        {
            TempData["FindingReviewed"] = verdict == FindingVerdict.Clear ? "Cleared: not the listed party." : "Confirmed: the listed party.";
            return RedirectToPage("Detail", new { id = Id, platform = PlatformId });
        }
        Error = result.Invalid ?? result.Conflict;
        Finding = await ReadFindings.DetailAsync(Db, PlatformId, Id, ct);
        return Finding is null ? NotFound() : Page();
    }
}
