using Candor.Data;
using Candor.Features.Ads;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Candor.Web.Pages.Ads;

public sealed class DetailModel(CandorDb db) : PageModel
{
    public PublicAd? Ad { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        Ad = await GetPublicAd.RunAsync(db, id, ct);
        return Ad is null ? NotFound() : Page();
    }
}
