using Candor.Data;
using Candor.Features.Ads;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Candor.Web.Pages.Ads;

public sealed class IndexModel(CandorDb db) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Advertiser { get; set; }
    [BindProperty(SupportsGet = true)] public string? Payer { get; set; }
    [BindProperty(SupportsGet = true)] public string? Country { get; set; }
    [BindProperty(SupportsGet = true)] public DateTimeOffset? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateTimeOffset? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Cursor { get; set; }

    public AdSearch Search { get; private set; } = new();
    public AdPage? Results { get; private set; }
    public List<string> Errors { get; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) Errors.Add("A date is not in the form YYYY-MM-DD.");
        Search = new AdSearch(Blank(Q), Blank(Advertiser), Blank(Payer), Blank(Country)?.ToUpperInvariant(), From,
            To?.AddDays(1).AddTicks(-1), Blank(Status), Blank(Cursor));
        Errors.AddRange(SearchPublicAds.Validate(Search).Describe());
        if (Errors.Count == 0) Results = await SearchPublicAds.RunAsync(db, Search, ct);
        Search = Search with { To = To };
    }

    public string NextPageUrl(string cursor)
    {
        var query = Request.Query.Where(q => q.Key != "cursor").ToDictionary(q => q.Key, q => q.Value.ToString());
        query["cursor"] = cursor;
        return "/ads" + Microsoft.AspNetCore.Http.QueryString.Create(query!);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
