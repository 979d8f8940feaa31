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
    /// <summary>
    /// The issued decision this one amends: the form comes prefilled from it, and issuing supersedes it through the API's
    /// own amendment (<see cref="CreateDecision"/> with its compare-and-set). An amendment is never a draft.
    /// </summary>
    [BindProperty(SupportsGet = true)] public Guid? Amends { get; set; }
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    public NoticeContent? Preview { get; private set; }
    /// <summary>For an amendment: the amended decision's fields the form has no place for, kept as they were.</summary>
    public IReadOnlyList<KeyValuePair<string, System.Text.Json.Nodes.JsonNode>> Carried { get; private set; } = [];
    protected override bool NeedsWrite => true;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Amends is not null)
        {
            if (ReviewItem is not null) return BadRequest();
            if (await AmendedAsync(ct) is not { } amended) return NotFound();
            var subject = (await DecisionSubject.OfAsync(Db, amended, ct))!;
            Form = DecisionForm.From(amended, subject.AdvertiserExternalId, subject.AdExternalId);
            Carried = AmendmentCarryOver.Fields(Form, amended);
            if (amended.Status != DecisionStatuses.Issued) Errors = NotInForce(amended.Status);
            return Page();
        }
        if (ReviewItem is { } itemId)
        {
            if (await ReviewItemDetails.LoadAsync(Db, PlatformId, itemId, clock.GetUtcNow(), ct) is not { } item) return NotFound();
            Form = ReviewDraft.Form(item, clock.GetUtcNow());
        }
        Form.ApplicationDate ??= clock.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Form.WithRows();
        return Page();
    }

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken ct)
    {
        Decision? amended = null;
        if (Amends is not null && (amended = await AmendedAsync(ct)) is null) return NotFound();
        var (prepared, errors) = await CreateDecision.PrepareAsync(Db, boilerplate, PlatformId, User.Actor(),
            Form.ToInput(User.Actor(), draft: amended is null, amended), DecisionMethods.Form, amended, clock.GetUtcNow(), ct);
        if (amended is not null) Carried = AmendmentCarryOver.Fields(Form, amended);
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
        return Page();
    }

    public Task<IActionResult> OnPostDraftAsync(CancellationToken ct) => SaveAsync(draft: true, ct);

    public Task<IActionResult> OnPostIssueAsync(CancellationToken ct) => SaveAsync(draft: false, ct);

    private async Task<IActionResult> SaveAsync(bool draft, CancellationToken ct)
    {
        if (Amends is not null) return await AmendAsync(ct);
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

    private async Task<IActionResult> AmendAsync(CancellationToken ct)
    {
        if (ReviewItem is not null) return BadRequest();
        if (await AmendedAsync(ct) is not { } amended) return NotFound();
        Form.WithRows();
        Carried = AmendmentCarryOver.Fields(Form, amended);
        if (amended.Status != DecisionStatuses.Issued)
        {
            Errors = NotInForce(amended.Status);
            return Page();
        }
        var outcome = await CreateDecision.RunAsync(Db, clock, boilerplate, notices, PlatformId, User.Actor(), Form.ToInput(User.Actor(), draft: false, amended),
            DecisionMethods.Form, amended, ct);
        if (outcome.Errors is { } errors)
        {
            await RefusedAsync(errors, ct);
            return Page();
        }
        if (outcome.Conflict)
        {
            // Reversed or amended by someone else between loading and issuing: the compare-and-set refused it, nothing is stored.
            Db.ChangeTracker.Clear();
            Errors = NotInForce("no longer in force: it was amended or reversed meanwhile");
            return Page();
        }
        if (outcome.NoticePath is { } path) TempData["NoticePath"] = path;
        return RedirectToPage("Detail", new { uuid = outcome.Decision!.Uuid, platform = PlatformId });
    }

    /// <summary>The decision named by <see cref="Amends"/>, of this platform only (another platform's is not found).</summary>
    private Task<Decision?> AmendedAsync(CancellationToken ct) =>
        Db.Decisions.AsNoTracking().FirstOrDefaultAsync(d => d.Uuid == Amends && d.PlatformId == PlatformId, ct);

    private static Dictionary<string, string[]> NotInForce(string status) => new()
    {
        ["status"] = [$"The decision is {status}; only an issued decision in force can be amended."],
    };

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
