using Candor.Data;
using Candor.Features.Audit;
using Candor.Features.Decisions;
using Candor.Features.Decisions.Issuing;
using Candor.Features.Identity;
using Candor.Features.Notices;
using Candor.Features.Review;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Candor.Web.Pages.Console.Decisions;

/// <summary>
/// <c>/console/decisions/new</c>: a reviewer writes a statement of reasons. Preview, save as draft, or issue, each
/// through the API's own code (<see cref="CreateDecision"/>), so the form refuses exactly what the API refuses.
/// </summary>
public sealed class NewModel(CandorDb db, TimeProvider clock, BoilerplateOptions boilerplate, NoticeOptions notices) : ReviewerPage(db)
{
    public const string RefusedAction = "decision.refused";

    [BindProperty] public DecisionForm Form { get; set; } = new();
    /// <summary>The review item this decision is written from: prefills the form, and is closed as decided when the decision is saved.</summary>
    [BindProperty(SupportsGet = true)] public long? ReviewItem { get; set; }
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    public NoticeContent? Preview { get; private set; }
    protected override bool NeedsWrite => true;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (ReviewItem is { } itemId)
        {
            if (await ReviewItemDetails.LoadAsync(Db, PlatformId, itemId, clock.GetUtcNow(), ct) is not { } item) return NotFound();
            Form = ReviewDraft.Form(item, clock.GetUtcNow());
        }
        Form.ApplicationDate ??= clock.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Form.WithRows();
        return Page();
    }

    public async Task OnPostPreviewAsync(CancellationToken ct)
    {
        var (prepared, errors) = await CreateDecision.PrepareAsync(Db, boilerplate, PlatformId, User.Actor(), Form.ToInput(User.Actor(), draft: true),
            DecisionMethods.Form, null, clock.GetUtcNow(), ct);
        if (prepared is null) await RefusedAsync(errors, ct);
        else
        {
            var d = prepared.Decision;
            // The preview shows the notice as it would read if issued now.
            d.IssuedAt = clock.GetUtcNow();
            d.Status = DecisionStatuses.Issued;
            Preview = NoticeComposer.Compose(d, PlatformName, prepared.Subject.Name, prepared.Subject.AdExternalId, prepared.Subject.AdTitle, notices, clock.GetUtcNow());
        }
        Form.WithRows();
    }

    public Task<IActionResult> OnPostDraftAsync(CancellationToken ct) => SaveAsync(draft: true, ct);

    public Task<IActionResult> OnPostIssueAsync(CancellationToken ct) => SaveAsync(draft: false, ct);

    private async Task<IActionResult> SaveAsync(bool draft, CancellationToken ct)
    {
        // Only the holder of the item's claim may decide it; checked first so a refused item leaves no decision behind.
        if (ReviewItem is { } itemId && await ReviewActions.CheckHolderAsync(Db, clock, PlatformId, itemId, User.UserId(), ct) is { Succeeded: false } refused)
        {
            Errors = new Dictionary<string, string[]> { ["review_item"] = [refused.Problem ?? "Not yours to decide."] };
            Form.WithRows();
            return Page();
        }
        var outcome = await CreateDecision.RunAsync(Db, clock, boilerplate, notices, PlatformId, User.Actor(), Form.ToInput(User.Actor(), draft),
            DecisionMethods.Form, null, ct);
        if (outcome.Errors is { } errors)
        {
            await RefusedAsync(errors, ct);
            Form.WithRows();
            return Page();
        }
        if (ReviewItem is { } decidedItem)
            await ReviewActions.MarkDecidedAsync(Db, clock, PlatformId, decidedItem, User.UserId(), User.Actor(),
                HttpContext.Connection.RemoteIpAddress?.ToString(), outcome.Decision!.Id, outcome.Decision.Uuid, ct);
        // The notice link carries its token only now: hand it to the detail page once, as the API hands it in its answer.
        if (outcome.NoticePath is { } path) TempData["NoticePath"] = path;
        return RedirectToPage("Detail", new { uuid = outcome.Decision!.Uuid, platform = PlatformId });
    }

    /// <summary>Shows the reasons, and keeps a record of a refusal in the audit trail (what was refused and why, not the whole text).</summary>
    private async Task RefusedAsync(Infrastructure.FieldErrors errors, CancellationToken ct)
    {
        Errors = errors.ToDictionary();
        Db.ChangeTracker.Clear();
        var subject = Form.AdvertiserId?.Trim() is { Length: > 200 } tooLong ? tooLong[..200] : Form.AdvertiserId?.Trim();
        AuditTrail.Record(Db, clock, User.Actor(), RefusedAction, PlatformId, subject,
            HttpContext.Connection.RemoteIpAddress?.ToString(), string.Join(" | ", errors.Describe()));
        await Db.SaveChangesAsync(ct);
    }
}
