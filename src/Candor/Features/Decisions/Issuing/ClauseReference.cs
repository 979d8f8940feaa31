using System.Text.Json.Nodes;
using Candor.Data;
using Candor.Features.Policies;
using Candor.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Candor.Features.Decisions.Issuing;

/// <summary>A cited clause found in the published catalogue: the policy that holds it and the version relied on.</summary>
public sealed record ResolvedClause(string PolicyId, string ClauseId, string Version);

/// <summary>
/// Makes a decision's clause reference real. Once a platform has a published catalogue (its own or the
/// installation's), a decision may only cite a clause of it, in a version that exists, holds the clause and has taken
/// effect — so the notice's link always opens the text relied on. Without any catalogue, clauses stay free references.
/// </summary>
public static class ClauseReference
{
    public static async Task<ResolvedClause?> ResolveAsync(
        CandorDb db, long platformId, ClauseRef clause, DateTimeOffset now, FieldErrors errors, CancellationToken ct)
    {
        var versions = await db.PolicyVersions.AsNoTracking()
            .Where(v => v.PlatformId == null || v.PlatformId == platformId)
            .Select(v => new { v.PolicyId, v.Version, v.EffectiveFrom, v.Document })
            .ToListAsync(ct);
        if (versions.Count == 0) return null;

        var holding = versions.Where(v => ClauseIds(v.Document).Contains(clause.Id, StringComparer.OrdinalIgnoreCase)).ToList();
        if (holding.Count == 0)
        {
            errors.Add("clause", $"Clause '{clause.Id}' is not in any published policy. Cite a clause as it appears at /policies.");
            return null;
        }
        var policyId = holding[0].PolicyId;
        var ofPolicy = versions.Where(v => v.PolicyId == policyId).ToList();
        var cited = ofPolicy.FirstOrDefault(v => PolicyVersions.IsValid(clause.Version) && PolicyVersions.Compare(v.Version, clause.Version) == 0);
        var published = string.Join(", ", ofPolicy.Select(v => v.Version).OrderBy(v => PolicyVersions.SortKey(v), StringComparer.Ordinal));
        if (cited is null)
            errors.Add("clause", $"Policy {policyId}, which holds clause '{clause.Id}', has no version '{clause.Version}'. Published versions: {published}.");
        else if (!holding.Contains(cited))
            errors.Add("clause", $"Version {cited.Version} of policy {policyId} does not contain clause '{clause.Id}'. Versions that do: " +
                string.Join(", ", holding.Select(v => v.Version)) + ".");
        else if (cited.EffectiveFrom > now)
            errors.Add("clause", $"Version {cited.Version} of policy {policyId} takes effect on {cited.EffectiveFrom:yyyy-MM-dd}; a decision can only rely on a version in force.");
        else
        {
            var canonical = ClauseIds(cited.Document).First(id => string.Equals(id, clause.Id, StringComparison.OrdinalIgnoreCase));
            return new ResolvedClause(policyId, canonical, cited.Version);
        }
        return null;
    }

    /// <summary>The public page of the clause's text: the policy version, scrolled to the clause.</summary>
    public static string PathOf(string policyId, string version, string clauseId) =>
        $"/policies/{Uri.EscapeDataString(policyId)}/v/{Uri.EscapeDataString(version)}#{Uri.EscapeDataString(clauseId)}";

    private static IEnumerable<string> ClauseIds(string document) =>
        JsonNode.Parse(document)!["clauses"]!.AsArray().Select(c => c!["id"]!.GetValue<string>());
}
