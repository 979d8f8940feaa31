using System.Text.Json;
using System.Text.Json.Nodes;
using Candor.Data;
using Candor.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Candor.Features.Policies;

public sealed record PublicDsaMapping(string DecisionGround, string? Category, IReadOnlyList<string> Keywords, IReadOnlyList<string> Restrictions, int? DurationDays);

/// <summary>A rule as published: its id (which decisions cite) and purpose. Conditions and term lists stay private, so
/// that publishing the policy does not hand out a recipe for evading it; the clause text says what is not allowed.</summary>
public sealed record PublicRule(string Id, string? Description, string AppliesTo, string Mode);

public sealed record PublicClause(string Id, string Title, string Text, PublicDsaMapping Dsa, bool AutomationMayDecide, string OnHit, IReadOnlyList<PublicRule> Rules);

public sealed record PublicPolicy(string Id, string Version, string Title, DateTimeOffset EffectiveFrom, string Summary, string? Platform,
    DateTimeOffset PublishedAt, IReadOnlyList<PublicClause> Clauses);

public sealed record PublicPolicyVersion(string Version, string Title, DateTimeOffset EffectiveFrom, DateTimeOffset PublishedAt, string ContentHash);

public sealed record PublicPolicyList(IReadOnlyList<PublicPolicy> Policies);

public sealed record PublicPolicyVersions(string Id, IReadOnlyList<PublicPolicyVersion> Versions);

/// <summary>The public catalogue: every policy's latest version, any version of a policy, and the list of versions.</summary>
public static class PublicPolicies
{
    public static async Task<List<PublicPolicy>> LatestAsync(CandorDb db, CancellationToken ct)
    {
        var keys = await db.PolicyVersions.AsNoTracking().Select(v => new { v.Id, v.PolicyId, v.VersionKey }).ToListAsync(ct);
        var latestIds = keys.GroupBy(k => k.PolicyId).Select(g => g.MaxBy(k => k.VersionKey, StringComparer.Ordinal)!.Id).ToList();
        var rows = await db.PolicyVersions.AsNoTracking().Where(v => latestIds.Contains(v.Id)).ToListAsync(ct);
        var slugs = await SlugsAsync(db, rows, ct);
        return rows.Select(r => Project(r, r.PlatformId is { } p ? slugs[p] : null)).OrderBy(p => p.Id, StringComparer.Ordinal).ToList();
    }

    public static async Task<PublicPolicy?> VersionAsync(CandorDb db, string id, string? version, CancellationToken ct)
    {
        var query = db.PolicyVersions.AsNoTracking().Where(v => v.PolicyId == id);
        query = version is null ? query.OrderByDescending(v => v.VersionKey) : query.Where(v => v.Version == version);
        var row = await query.FirstOrDefaultAsync(ct);
        if (row is null) return null;
        var slugs = await SlugsAsync(db, [row], ct);
        return Project(row, row.PlatformId is { } p ? slugs[p] : null);
    }

    public static async Task<List<PublicPolicyVersion>> VersionsAsync(CandorDb db, string id, CancellationToken ct) =>
        await db.PolicyVersions.AsNoTracking().Where(v => v.PolicyId == id).OrderByDescending(v => v.VersionKey)
            .Select(v => new PublicPolicyVersion(v.Version, v.Title, v.EffectiveFrom, v.ImportedAt, v.ContentHash)).ToListAsync(ct);

    private static async Task<Dictionary<long, string>> SlugsAsync(CandorDb db, List<PolicyVersion> rows, CancellationToken ct)
    {
        var ids = rows.Where(r => r.PlatformId is not null).Select(r => r.PlatformId!.Value).Distinct().ToList();
        return ids.Count == 0 ? [] : await db.Platforms.Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Slug, ct);
    }

    private static PublicPolicy Project(PolicyVersion version, string? platform)
    {
        var document = JsonNode.Parse(version.Document)!;
        var clauses = document["clauses"]!.AsArray().Select(c => new PublicClause(
            Text(c, "id"), Text(c, "title"), Text(c, "text"),
            c!["dsa"].Deserialize<PublicDsaMapping>(CandorJson.Output)!,
            c["automation_may_decide"]!.GetValue<bool>(), Text(c, "on_hit"),
            c["rules"]!.AsArray().Select(r => new PublicRule(Text(r, "id"), r!["description"]?.GetValue<string>(), Text(r, "applies_to"), Text(r, "mode"))).ToList()))
            .ToList();
        return new PublicPolicy(version.PolicyId, version.Version, version.Title, version.EffectiveFrom, version.Summary, platform, version.ImportedAt, clauses);
    }

    private static string Text(JsonNode? node, string key) => node![key]!.GetValue<string>();

    public static IEndpointRouteBuilder MapPublicPolicyEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/public/policies").AllowAnonymous().WithTags("Public policy catalogue")
            .RequireRateLimiting(RateLimits.Public);
        group.MapGet("", async (CandorDb db, CancellationToken ct) => TypedResults.Ok(new PublicPolicyList(await LatestAsync(db, ct))))
            .WithName("ListPublicPolicies")
            .WithSummary("Every published policy in its latest version, with its clauses (id, text, DSA mapping) and rule ids");
        group.MapGet("/{id}/versions", GetVersionsAsync)
            .WithName("ListPublicPolicyVersions")
            .WithSummary("Every version of one policy, newest first; old versions stay readable forever")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Results<Ok<PublicPolicyVersions>, ProblemHttpResult>> GetVersionsAsync(string id, CandorDb db, CancellationToken ct)
    {
        var versions = await VersionsAsync(db, id, ct);
        return versions.Count == 0
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: $"no policy '{id}'")
            : TypedResults.Ok(new PublicPolicyVersions(id, versions));
    }
}
