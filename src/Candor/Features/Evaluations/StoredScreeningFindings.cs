using Candor.Data;
using Candor.Features.Rules;
using Candor.Features.Screening.Vetting;
using Microsoft.EntityFrameworkCore;

namespace Candor.Features.Evaluations;

/// <summary>
/// The screening predicate's input in the service: the stored findings (open or confirmed; cleared and delisted ones no
/// longer count) of the advertisers of one batch, loaded with one query per batch.
/// A rule's screening list names screening lists by slug: its <c>items</c> when it has any, else its own id.
/// A party is matched by the finding's role and, for payers and beneficiaries, by the exact name the ad gives.
/// </summary>
public sealed class StoredScreeningFindings : IScreeningFindings
{
    private readonly Dictionary<long, List<Screening.Vetting.ScreeningFinding>> _byAdvertiser;
    private readonly IReadOnlyDictionary<string, NamedList> _lists;
    private readonly Func<RuleInput, long> _advertiserOf;

    private StoredScreeningFindings(Dictionary<long, List<Screening.Vetting.ScreeningFinding>> byAdvertiser,
        IReadOnlyDictionary<string, NamedList> lists, Func<RuleInput, long> advertiserOf)
    {
        _byAdvertiser = byAdvertiser;
        _lists = lists;
        _advertiserOf = advertiserOf;
    }

    public static async Task<StoredScreeningFindings> LoadAsync(CandorDb db, long platformId, IReadOnlyCollection<long> advertiserIds,
        IReadOnlyDictionary<string, NamedList> lists, Func<RuleInput, long> advertiserOf, CancellationToken ct)
    {
        var ids = advertiserIds.Distinct().ToList();
        var findings = ids.Count == 0 ? [] : await db.ScreeningFindings.AsNoTracking()
            .Where(f => f.PlatformId == platformId && EF.Parameter(ids).Contains(f.AdvertiserId)
                && (f.State == FindingStates.Open || f.State == FindingStates.Confirmed))
            .ToListAsync(ct);
        return new StoredScreeningFindings(findings.GroupBy(f => f.AdvertiserId).ToDictionary(g => g.Key, g => g.ToList()), lists, advertiserOf);
    }

    public IReadOnlyList<Rules.ScreeningFinding> Findings(RuleInput input, ScreenedParty party, string list)
    {
        if (!_byAdvertiser.TryGetValue(_advertiserOf(input), out var findings)) return [];
        var slugs = SlugsOf(list);
        var name = party switch
        {
            ScreenedParty.Payer => input.Ad?.Payer?.Trim(),
            ScreenedParty.Beneficiary => input.Ad?.Beneficiary?.Trim(),
            _ => null,
        };
        if (party != ScreenedParty.Advertiser && string.IsNullOrEmpty(name)) return [];
        var result = new List<Rules.ScreeningFinding>();
        foreach (var f in findings)
        {
            if (!slugs.Contains(f.ListSlug)) continue;
            var matches = party switch
            {
                ScreenedParty.Advertiser => f.SubjectRole is SubjectRoles.LegalName or SubjectRoles.DisplayName,
                ScreenedParty.Payer => f.SubjectRole == SubjectRoles.Payer && string.Equals(f.Subject.Trim(), name, StringComparison.Ordinal),
                _ => f.SubjectRole == SubjectRoles.Beneficiary && string.Equals(f.Subject.Trim(), name, StringComparison.Ordinal),
            };
            if (matches) result.Add(new Rules.ScreeningFinding(f.ListSlug, f.SourceId, f.EntryName, f.Score));
        }
        return result.OrderByDescending(f => f.Score).ThenBy(f => f.EntryId, StringComparer.Ordinal).ToList();
    }

    private HashSet<string> SlugsOf(string list) =>
        _lists.TryGetValue(list, out var named) && named.Items.Count > 0
            ? named.Items.ToHashSet(StringComparer.Ordinal)
            : [list];
}
