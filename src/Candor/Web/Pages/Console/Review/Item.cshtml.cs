using Candor.Data;
using Candor.Features.Identity;
using Candor.Features.Review;
using Candor.Web.Pages.Console.Decisions;
using Microsoft.AspNetCore.Mvc;

namespace Candor.Web.Pages.Console.Review;

/// <summary>
/// <c>/console/review/{id}</c>: one item with its subject, evidence, explanation trees and clause; its holder claims,
/// releases, dismisses it or opens a prefilled decision draft. Readers (auditors) see it all and change nothing.
/// </summary>
public sealed class ItemModel(CandorDb db, TimeProvider clock, ReviewOptions options) : ReviewerPage(db)
{
    [BindProperty(SupportsGet = true)] public long Id { get; set; }
    [BindProperty] public string? Reason { get; set; }
    public ReviewItemView? View { get; private set; }
    public DateTimeOffset Now { get; private set; }
    public string? Problem { get; private set; }
    public string? Done { get; private set; }
    public bool HeldByMe => View?.Item.ClaimedByUserId == User.UserId();
    public bool Open => View?.Item.State == ReviewStates.Open;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Done = TempData["ReviewDone"] as string;
        if (!await LoadAsync(ct)) return NotFound();
        // A screening finding's item is worked (cleared or confirmed) on the finding's page.
        return View!.Item.FindingId is { } findingId ? Redirect($"/console/screening/findings/{findingId}?platform={PlatformId}") : Page();
    }

    public Task<IActionResult> OnPostClaimAsync(CancellationToken ct) => ActAsync("Claimed: the item is yours until the claim lapses.",
        () => ReviewActions.ClaimAsync(Db, clock, options, PlatformId, Id, User.UserId(), User.Actor(), Remote, ct), ct);

    public Task<IActionResult> OnPostReleaseAsync(CancellationToken ct) => ActAsync("Released: anyone may claim it now.",
        () => ReviewActions.ReleaseAsync(Db, clock, PlatformId, Id, User.UserId(), User.Actor(), Remote, ct), ct);

    public Task<IActionResult> OnPostDismissAsync(CancellationToken ct) => ActAsync("Dismissed.",
        () => ReviewActions.DismissAsync(Db, clock, PlatformId, Id, User.UserId(), User.Actor(), Remote, Reason, ct), ct);

    private string? Remote => HttpContext.Connection.RemoteIpAddress?.ToString();

    private async Task<IActionResult> ActAsync(string done, Func<Task<ReviewActionOutcome>> action, CancellationToken ct)
    {
        var outcome = await action();
        if (outcome.Result == ReviewActionResult.NotFound) return NotFound();
        if (outcome.Succeeded)
        {
            TempData["ReviewDone"] = done;
            return RedirectToPage("Item", new { id = Id, platform = PlatformId });
        }
        Problem = outcome.Problem;
        Db.ChangeTracker.Clear();
        if (!await LoadAsync(ct)) return NotFound();
        Response.StatusCode = outcome.Result is ReviewActionResult.Invalid ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status409Conflict;
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Now = clock.GetUtcNow();
        View = await ReviewItemDetails.LoadAsync(Db, PlatformId, Id, Now, ct);
        return View is not null;
    }
}
