using System.CommandLine;
using Candor.Cli;
using Candor.Data;
using Candor.Features.Audit;
using Candor.Features.Platforms;
using Microsoft.EntityFrameworkCore;

namespace Candor.Features.Policies;

public sealed record ImportedPolicy(string Id, string Version, bool New);

public sealed record PolicyImportResult(long? ImportId, IReadOnlyList<ImportedPolicy> Policies, IReadOnlyList<CatalogueError> Errors)
{
    public bool Accepted => Errors.Count == 0;
}

/// <summary>
/// <c>candor policies import DIR [--platform SLUG]</c>: publishes the changed policies of a catalogue directory as
/// new versions, all or nothing. A policy whose content is unchanged keeps its version; a changed one must raise it.
/// </summary>
public static class ImportPolicies
{
    public static async Task<PolicyImportResult> RunAsync(CandorDb db, TimeProvider clock, PolicyCatalogue catalogue, long? platformId,
        string actor, CancellationToken ct)
    {
        var ids = catalogue.Policies.Select(p => p.Id).ToList();
        var stored = await db.PolicyVersions.AsNoTracking()
            .Select(v => new { v.PolicyId, v.Version, v.VersionKey, v.ContentHash, v.PlatformId, v.Document, v.Id })
            .ToListAsync(ct);
        var errors = new List<CatalogueError>();
        var results = new List<ImportedPolicy>();
        var added = new List<PolicyVersion>();
        foreach (var policy in catalogue.Policies)
        {
            var document = PolicyJson.Document(policy).ToJsonString();
            var hash = PolicyJson.Hash(document);
            var versions = stored.Where(v => string.Equals(v.PolicyId, policy.Id, StringComparison.OrdinalIgnoreCase)).ToList();
            var versionLine = CatalogueReader.LineOf(policy.SourceText, "version:");
            if (versions.Any(v => v.PlatformId != platformId))
            {
                errors.Add(new(policy.SourceFile, CatalogueReader.LineOf(policy.SourceText, "id:"), $"policy id '{policy.Id}' belongs to another platform's catalogue"));
                continue;
            }
            var same = versions.FirstOrDefault(v => PolicyVersions.Compare(v.Version, policy.Version) == 0);
            var latest = versions.MaxBy(v => v.VersionKey, StringComparer.Ordinal);
            if (same is not null && same.ContentHash == hash)
            {
                results.Add(new ImportedPolicy(policy.Id, policy.Version, New: false));
                continue;
            }
            if (same is not null)
                errors.Add(new(policy.SourceFile, versionLine, $"policy '{policy.Id}' changed but version {policy.Version} is already published; raise the version"));
            else if (latest is not null && PolicyVersions.Compare(policy.Version, latest.Version) < 0)
                errors.Add(new(policy.SourceFile, versionLine, $"version {policy.Version} goes backwards: version {latest.Version} of '{policy.Id}' is already published"));
            else
            {
                results.Add(new ImportedPolicy(policy.Id, policy.Version, New: true));
                added.Add(new PolicyVersion
                {
                    PlatformId = platformId, PolicyId = policy.Id, Version = policy.Version, VersionKey = PolicyVersions.SortKey(policy.Version),
                    Title = policy.Title, Summary = policy.Summary, EffectiveFrom = policy.EffectiveFrom, ContentHash = hash, Document = document,
                    SourceFile = policy.SourceFile, SourceText = policy.SourceText,
                });
            }
        }
        CheckClausesOfOtherPolicies(catalogue, stored.Select(s => (s.PolicyId, s.VersionKey, s.Document)), ids, errors);
        if (errors.Count > 0) return new PolicyImportResult(null, [], errors);

        var listsJson = PolicyJson.ListsJson(catalogue.Lists);
        var listsHash = PolicyJson.Hash(listsJson);
        var lastListsHash = await db.PolicyImports.Where(i => i.PlatformId == platformId).OrderByDescending(i => i.Id)
            .Select(i => i.ListsHash).FirstOrDefaultAsync(ct);
        if (added.Count == 0 && lastListsHash == listsHash) return new PolicyImportResult(null, results, []);

        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var import = new PolicyImport { PlatformId = platformId, ListsJson = listsJson, ListsHash = listsHash, NewVersions = added.Count, ImportedBy = actor, ImportedAt = now };
        db.PolicyImports.Add(import);
        await db.SaveChangesAsync(ct);
        foreach (var version in added)
        {
            version.ImportId = import.Id;
            version.ImportedAt = now;
        }
        db.PolicyVersions.AddRange(added);
        AuditTrail.Record(db, clock, actor, "policies.import", platformId, $"import {import.Id}",
            detail: string.Join(", ", added.Select(a => $"{a.PolicyId} v{a.Version}")));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new PolicyImportResult(import.Id, results, []);
    }

    /// <summary>A clause id may belong to one policy only, across every policy ever published.</summary>
    private static void CheckClausesOfOtherPolicies(PolicyCatalogue catalogue, IEnumerable<(string PolicyId, string VersionKey, string Document)> stored,
        List<string> importedIds, List<CatalogueError> errors)
    {
        var owners = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var latest in stored.Where(s => !importedIds.Contains(s.PolicyId, StringComparer.OrdinalIgnoreCase))
                     .GroupBy(s => s.PolicyId).Select(g => g.MaxBy(s => s.VersionKey, StringComparer.Ordinal)))
            foreach (var clause in System.Text.Json.Nodes.JsonNode.Parse(latest.Document)!["clauses"]!.AsArray())
                owners[clause!["id"]!.GetValue<string>()] = latest.PolicyId;
        foreach (var policy in catalogue.Policies)
            foreach (var clause in policy.Clauses)
                if (owners.TryGetValue(clause.Id, out var owner))
                    errors.Add(new(policy.SourceFile, CatalogueReader.LineOf(policy.SourceText, clause.Id), $"clause id '{clause.Id}' belongs to published policy '{owner}'"));
    }

    public static Command Command()
    {
        var dir = new Argument<DirectoryInfo>("DIR") { Description = "The catalogue directory: one policy per *.yaml, lists in lists/" };
        var platform = new Option<string?>("--platform") { Description = "The platform whose catalogue this is (default: the installation's own)" };
        var command = new Command("import", "Publish the changed policies of a directory as new versions (all or nothing)") { dir, platform };
        command.SetHandler(async (parse, ct) =>
        {
            var (catalogue, errors) = CatalogueReader.ReadDirectory(parse.GetValue(dir)!.FullName);
            await using var services = await CliHost.OpenAsync(parse, ct);
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CandorDb>();
            var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
            long? platformId = parse.GetValue(platform) is { } slug ? await PlatformLookup.IdOfAsync(db, slug, ct) : null;
            var result = catalogue is null ? new PolicyImportResult(null, [], errors)
                : await RunAsync(db, clock, catalogue, platformId, "cli:" + Environment.UserName, ct);
            foreach (var error in result.Errors) await Console.Error.WriteLineAsync($"candor: {error}");
            if (!result.Accepted)
            {
                await Console.Error.WriteLineAsync($"candor: import refused ({result.Errors.Count} problem(s)); the catalogue in force is unchanged");
                return CliHost.Failure;
            }
            foreach (var policy in result.Policies)
                Console.WriteLine($"{policy.Id} v{policy.Version} {(policy.New ? "published" : "unchanged")}");
            var jobs = await Evaluations.Reevaluation.QueueAsync(db, clock, result, platformId, null, ct);
            if (jobs.Count > 0) Console.WriteLine($"re-evaluation queued (job {string.Join(", ", jobs)}) for when the new versions take effect");
            return CliHost.Ok;
        });
        return command;
    }
}
