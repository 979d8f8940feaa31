using Candor.Data;
using Candor.Features.Decisions.Published;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Candor.Web.Pages.Decisions;

public sealed class DetailModel(CandorDb db) : PageModel
{
    public PublicDecision? Decision { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid uuid, CancellationToken ct)
    {
        Decision = await GetPublicDecision.RunAsync(db, uuid, ct);
        return Decision is null ? NotFound() : Page();
    }
}
