using Candor.Data;
using Candor.Features.Policies;

namespace Candor.Features.Demo;

/// <summary>
/// The repository's sample catalogue (<c>policies/</c>, embedded in the executable), published as the demo
/// platform's own catalogue before any ad arrives, so the demo's decisions cite real clauses and its ads are
/// evaluated against real rules.
/// </summary>
public static class DemoPolicies
{
    private const string Prefix = "Candor.SamplePolicies/";

    public static PolicyCatalogue Read()
    {
        var assembly = typeof(DemoPolicies).Assembly;
        var policies = new List<CatalogueReader.SourceFile>();
        var lists = new List<CatalogueReader.SourceFile>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
            var file = new CatalogueReader.SourceFile(name[Prefix.Length..].Replace('\\', '/'), reader.ReadToEnd());
            (file.Name.StartsWith("lists/", StringComparison.Ordinal) ? lists : policies).Add(file);
        }
        var (catalogue, errors) = CatalogueReader.Read(policies, lists);
        return catalogue ?? throw new InvalidOperationException("The embedded sample catalogue does not read: " + string.Join("; ", errors));
    }

    public static async Task PublishAsync(CandorDb db, TimeProvider clock, long platformId, CancellationToken ct)
    {
        var result = await ImportPolicies.RunAsync(db, clock, Read(), platformId, "demo", ct);
        if (!result.Accepted) throw new InvalidOperationException("The sample catalogue was refused: " + string.Join("; ", result.Errors));
    }
}
