using Candor.Data;
using Candor.Features.Policies;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Candor.Web.Pages.Policies;

public sealed class IndexModel(CandorDb db) : PageModel
{
    public IReadOnlyList<PublicPolicy> Policies { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Policies = await PublicPolicies.LatestAsync(db, ct);
}
