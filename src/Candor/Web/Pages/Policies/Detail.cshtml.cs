using Candor.Data;
using Candor.Features.Policies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Candor.Web.Pages.Policies;

/// <summary>A policy in its latest version (<c>/policies/{id}</c>) or in any version (<c>/policies/{id}/v/{version}</c>).</summary>
public sealed class DetailModel(CandorDb db) : PageModel
{
    public PublicPolicy? Policy { get; private set; }
    public IReadOnlyList<PublicPolicyVersion> Versions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id, string? version, CancellationToken ct)
    {
        Policy = await PublicPolicies.VersionAsync(db, id, version, ct);
        if (Policy is null) return NotFound();
        Versions = await PublicPolicies.VersionsAsync(db, id, ct);
        return Page();
    }
}
