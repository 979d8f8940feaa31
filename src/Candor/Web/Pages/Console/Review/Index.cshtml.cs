using Candor.Data;
using Candor.Features.Review;
using Candor.Web.Pages.Console.Decisions;
using Microsoft.AspNetCore.Mvc;

namespace Candor.Web.Pages.Console.Review;

/// <summary><c>/console/review</c>: the platform's review queue, highest priority then oldest first, with filters.</summary>
public sealed class IndexModel(CandorDb db, TimeProvider clock) : ReviewerPage(db)
{
    public const int Shown = 100;

    [BindProperty(SupportsGet = true)] public string? State { get; set; }
    [BindProperty(SupportsGet = true)] public string? Clause { get; set; }
    [BindProperty(SupportsGet = true)] public string? Cursor { get; set; }
    public ReviewQueuePage Queue { get; private set; } = new([], null);
    public IReadOnlyList<string> Clauses { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Now = clock.GetUtcNow();
        State = string.IsNullOrWhiteSpace(State) ? ReviewStates.Open : State;
        if (State != "all" && !ReviewListing.States.Contains(State)) return BadRequest();
        Clause = string.IsNullOrWhiteSpace(Clause) ? null : Clause.Trim();
        var page = await ReviewListing.ListAsync(Db, PlatformId, State == "all" ? null : State, Clause, Cursor, Shown, Now, ct);
        if (page is null) return BadRequest();
        Queue = page;
        Clauses = await ReviewListing.ClausesAsync(Db, PlatformId, ct);
        return Page();
    }
}
