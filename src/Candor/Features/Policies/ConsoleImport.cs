using Candor.Data;
using Microsoft.EntityFrameworkCore;

namespace Candor.Features.Policies;

/// <summary>
/// The console's upload (<c>/console/policies/import</c>): the same reader and all-or-nothing import as
/// <c>candor policies import</c>, over uploaded files instead of a directory. An upload may carry only some policies and
/// lists, so the lists of the catalogue's latest import are kept and uploaded lists replace those of the same id: a
/// policy uploaded alone still finds its lists, and no list the published rules use disappears.
/// </summary>
public static class ConsoleImport
{
    public const int MaxFiles = 50;
    public const int MaxFileBytes = 256 * 1024;
    public const long MaxRequestBytes = 4 * 1024 * 1024;

    public sealed record UploadedFile(string Name, string Text);

    public static async Task<PolicyImportResult> RunAsync(CandorDb db, TimeProvider clock, IReadOnlyList<UploadedFile> policies,
        IReadOnlyList<UploadedFile> lists, long? platformId, string actor, CancellationToken ct)
    {
        var problems = Check(policies, lists);
        if (problems.Count > 0) return new PolicyImportResult(null, [], problems);
        var listsJson = await db.PolicyImports.AsNoTracking().Where(i => i.PlatformId == platformId).OrderByDescending(i => i.Id)
            .Select(i => i.ListsJson).FirstOrDefaultAsync(ct);
        var (uploadedLists, listErrors) = CatalogueReader.Read([], lists.Select(l => new CatalogueReader.SourceFile("lists/" + l.Name, l.Text)).ToList());
        if (uploadedLists is null) return new PolicyImportResult(null, [], listErrors);
        var merged = listsJson is null ? new Dictionary<string, Rules.NamedList>(StringComparer.Ordinal) : PolicyJson.ReadLists(listsJson);
        foreach (var (id, list) in uploadedLists.Lists) merged[id] = list;
        var (catalogue, errors) = CatalogueReader.ReadPolicies(policies.Select(p => new CatalogueReader.SourceFile(p.Name, p.Text)).ToList(), merged);
        if (catalogue is null) return new PolicyImportResult(null, [], errors);
        var result = await ImportPolicies.RunAsync(db, clock, catalogue, platformId, actor, ct);
        // As the CLI does: re-evaluate the catalogue's subjects when the new versions take effect (the rules cache notices within seconds).
        await Evaluations.Reevaluation.QueueAsync(db, clock, result, platformId, null, ct);
        return result;
    }

    /// <summary>What the reader cannot report itself: no policy at all, names that are not YAML files, duplicates, sizes.</summary>
    private static List<CatalogueError> Check(IReadOnlyList<UploadedFile> policies, IReadOnlyList<UploadedFile> lists)
    {
        var errors = new List<CatalogueError>();
        if (policies.Count == 0) errors.Add(new CatalogueError("upload", 0, "holds no policy file (*.yaml or *.yml)"));
        if (policies.Count + lists.Count > MaxFiles) errors.Add(new CatalogueError("upload", 0, $"at most {MaxFiles} files at once"));
        foreach (var group in new[] { policies, lists })
            foreach (var duplicate in group.GroupBy(f => f.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
                errors.Add(new CatalogueError(duplicate.Key, 0, "uploaded twice"));
        foreach (var file in policies.Concat(lists))
        {
            if (!file.Name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) && !file.Name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
                errors.Add(new CatalogueError(file.Name, 0, "not a YAML file (*.yaml or *.yml)"));
            if (System.Text.Encoding.UTF8.GetByteCount(file.Text) > MaxFileBytes)
                errors.Add(new CatalogueError(file.Name, 0, $"larger than {MaxFileBytes / 1024} KiB"));
        }
        return errors;
    }
}
