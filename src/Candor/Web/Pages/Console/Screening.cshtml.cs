using Candor.Features.Screening;
using Candor.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Candor.Web.Pages.Console;

/// <summary>/console/screening: a reviewer screens a name and reads why each match matched.</summary>
[Authorize(Policy = ScreeningConsole.Policy)]
public sealed class ScreeningModel(ScreeningIndexHolder holder) : PageModel
{
    public ScreenRequest Query { get; private set; } = new(null);
    public IReadOnlyList<ScreenMatch>? Matches { get; private set; }
    public IReadOnlyList<string> Errors { get; private set; } = [];
    public IReadOnlyList<LoadedSnapshot> Snapshots { get; private set; } = [];
    public double MinScore { get; private set; } = ScreenName.RecommendedMinScore;

    public async Task OnGetAsync(CancellationToken ct) => Snapshots = (await holder.GetAsync(ct)).Snapshots;

    public async Task OnPostAsync(string? name, string? country, string? type, string? dob, string? minScore, CancellationToken ct)
    {
        var index = await holder.GetAsync(ct);
        Snapshots = index.Snapshots;
        var errors = new FieldErrors();
        double? min = null;
        if (!string.IsNullOrWhiteSpace(minScore))
        {
            if (double.TryParse(minScore, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var parsed)) min = parsed;
            else errors.Add("min_score", "must be a number between 0 and 1");
        }
        Query = new ScreenRequest(name, Blank(country), Blank(type), Blank(dob), min);
        MinScore = min ?? ScreenName.RecommendedMinScore;
        var (query, validation) = ScreenName.Validate(Query);
        if (errors.Any || query is null)
        {
            Errors = [.. errors.Describe(), .. validation.Describe()];
            return;
        }
        var (matches, rejected) = ScreenName.Run(index, query);
        if (rejected is not null) Errors = [$"name: {rejected}"];
        else Matches = matches;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
