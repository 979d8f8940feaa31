namespace Candor.Features.Demo;

/// <summary>The sample files in Features/Demo/Data, embedded in the executable so `serve --demo` needs no files beside it.</summary>
public static class DemoResources
{
    public const string GuardianAds = "guardian-au2023-tagged-ads.csv";
    public const string ProPublicaAds = "propublica-fbpac-test-ads.json";
    public const string MetaExample = "meta-ad-library-api-example.json";

    public static Stream Open(string fileName)
    {
        var assembly = typeof(DemoResources).Assembly;
        var name = assembly.GetManifestResourceNames().SingleOrDefault(n => n.EndsWith(".Data." + fileName, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"Demo data file {fileName} is not embedded; see Candor.csproj");
        return assembly.GetManifestResourceStream(name)!;
    }
}
