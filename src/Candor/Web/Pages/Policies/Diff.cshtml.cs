using Candor.Data;
using Candor.Features.Policies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Candor.Web.Pages.Policies;

public sealed class DiffModel(CandorDb db) : PageModel
{
    public PublicPolicy? From { get; private set; }
    public PublicPolicy? To { get; private set; }
    public IReadOnlyList<DiffLine> Lines { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id, string? from, string? to, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(from) || string.IsNullOrWhiteSpace(to)) return BadRequest("give ?from=VERSION&to=VERSION");
        From = await PublicPolicies.VersionAsync(db, id, from, ct);
        To = await PublicPolicies.VersionAsync(db, id, to, ct);
        if (From is null || To is null) return NotFound();
        Lines = PolicyText.Diff(From, To);
        return Page();
    }
}
