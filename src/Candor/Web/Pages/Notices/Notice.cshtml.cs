using Candor.Data;
using Candor.Features.Notices;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Candor.Web.Pages.Notices;

public sealed class NoticeModel(CandorDb db, TimeProvider clock, NoticeOptions options) : PageModel
{
    public NoticeContent? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid uuid, [FromQuery(Name = "t")] string? token, CancellationToken ct)
    {
        // The link is the key: keep it out of caches and history sync as far as headers can.
        Response.Headers.CacheControl = "no-store";
        Notice = await ReadNotice.RunAsync(db, clock, options, uuid, token, ct);
        return Notice is null ? NotFound() : Page();
    }
}
