using Candor.Features.Decisions.Dumps;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Candor.Web.Pages.Decisions;

public sealed class DumpsModel(DumpFolder folder) : PageModel
{
    public IReadOnlyList<DumpFile> Files { get; private set; } = [];

    public void OnGet() => Files = folder.List();
}
