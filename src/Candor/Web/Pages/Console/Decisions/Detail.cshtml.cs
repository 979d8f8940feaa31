using Candor.Data;
using Candor.Features.Decisions;
using Candor.Features.Decisions.Issuing;
using Candor.Features.Identity;
using Candor.Features.Notices;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Candor.Web.Pages.Console.Decisions;

/// <summary><c>/console/decisions/{uuid}</c>: one decision of the platform, its notice as composed, its history; a draft can be issued here.</summary>
public sealed class DetailModel(CandorDb db, TimeProvider clock, BoilerplateOptions boilerplate, NoticeOptions notices) : ReviewerPage(db)
{
    [BindProperty(SupportsGet = true)] public Guid Uuid { get; set; }
    public DecisionView? Decision { get; private set; }
    public NoticeContent? Notice { get; private set; }
    public string? NoticePath { get; private set; }
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    /// <summary>Why the decision is reversed: required, and public with the decision (the DSA wants errors admitted openly).</summary>
    [BindProperty] public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        NoticePath = TempData["NoticePath"] as string;
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostIssueAsync(CancellationToken ct)
    {
        var outcome = await IssueDraft.RunAsync(Db, clock, boilerplate, notices, PlatformId, Uuid, User.Actor(), ct);
        if (outcome is { Decision: null, Errors: null }) return NotFound();
        if (outcome.Errors is { } errors) Errors = errors.ToDictionary();
        else if (outcome.Conflict) Errors = new Dictionary<string, string[]> { ["status"] = ["Only a draft can be issued."] };
        else if (outcome.NoticePath is { } path)
        {
            TempData["NoticePath"] = path;
            return RedirectToPage("Detail", new { uuid = Uuid, platform = PlatformId });
        }
        Db.ChangeTracker.Clear();
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    /// <summary>Reverses through the API's own use case (<see cref="ReverseDecision"/>): the same compare-and-set, events and notices.</summary>
    public async Task<IActionResult> OnPostReverseAsync(CancellationToken ct)
    {
        var d = await Db.Decisions.FirstOrDefaultAsync(x => x.Uuid == Uuid && x.PlatformId == PlatformId, ct);
        if (d is null) return NotFound();
        var reason = Reason?.Trim();
        if (ReverseDecision.ReasonError(reason) is { } problem) Errors = new Dictionary<string, string[]> { ["reason"] = [problem] };
        else if (await ReverseDecision.RunAsync(Db, clock, notices, d, reason!, User.Actor(), ct))
            return RedirectToPage("Detail", new { uuid = Uuid, platform = PlatformId });
        else
        {
            // Lost the compare-and-set: reversed or amended already (here or through the API); say what it is now.
            Db.ChangeTracker.Clear();
            var status = await Db.Decisions.Where(x => x.Id == d.Id).Select(x => x.Status).FirstAsync(ct);
            Errors = new Dictionary<string, string[]>
            {
                ["status"] = [$"Not reversed: the decision is already {status}. Only an issued decision in force can be reversed."],
            };
        }
        Db.ChangeTracker.Clear();
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        Decision = await DecisionView.LoadAsync(Db, PlatformId, Uuid, "", now, null, ct);
        if (Decision is null) return false;
        var d = await Db.Decisions.AsNoTracking().FirstAsync(x => x.Uuid == Uuid && x.PlatformId == PlatformId, ct);
        if (await DecisionSubject.OfAsync(Db, d, ct) is { } subject)
            Notice = NoticeComposer.Compose(d, PlatformName, subject.Name, subject.AdExternalId, subject.AdTitle, notices, now);
        return true;
    }
}
