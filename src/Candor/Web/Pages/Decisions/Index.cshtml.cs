using Candor.Data;
using Candor.Features.Decisions.Published;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Candor.Web.Pages.Decisions;

public sealed class IndexModel(CandorDb db) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Advertiser { get; set; }
    [BindProperty(SupportsGet = true)] public string? Clause { get; set; }
    [BindProperty(SupportsGet = true)] public string? Category { get; set; }
    [BindProperty(SupportsGet = true)] public string? Ground { get; set; }
    [BindProperty(SupportsGet = true)] public string? Automation { get; set; }
    [BindProperty(SupportsGet = true)] public string? Platform { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? Cursor { get; set; }

    public DecisionSearch Search { get; private set; } = new();
    public DecisionPage? Results { get; private set; }
    public List<string> Errors { get; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) Errors.Add("A date is not in the form YYYY-MM-DD.");
        Search = new DecisionSearch(Blank(Advertiser), Blank(Clause), Blank(Category), Blank(Ground), Blank(Automation),
            Blank(Platform), Blank(Status), From, To, Blank(Cursor));
        Errors.AddRange(SearchPublicDecisions.Validate(Search).Describe());
        if (Errors.Count == 0) Results = await SearchPublicDecisions.RunAsync(db, Search, ct);
    }

    public string NextPageUrl(string cursor)
    {
        var query = Request.Query.Where(q => q.Key != "cursor").ToDictionary(q => q.Key, q => q.Value.ToString());
        query["cursor"] = cursor;
        return "/decisions" + Microsoft.AspNetCore.Http.QueryString.Create(query!);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
