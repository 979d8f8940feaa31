using Candor.Data;
using Candor.Features.Decisions.Export;
using Candor.Features.Decisions.Published;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Candor.Web.Pages.Decisions;

public sealed class DetailModel(CandorDb db) : PageModel
{
    public PublicDecision? Decision { get; private set; }
    /// <summary>Where it stands in the export to the EU Transparency Database; null until it is queued.</summary>
    public DecisionExportStatus? Export { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid uuid, CancellationToken ct)
    {
        Decision = await GetPublicDecision.RunAsync(db, uuid, ct);
        if (Decision is null) return NotFound();
        Export = await GetDecisionExport.PublicAsync(db, uuid, ct);
        return Page();
    }
}
