namespace Candor.Features.Rules;

public enum ScreenedParty
{
    Advertiser,
    Payer,
    Beneficiary,
}

/// <summary>A stored screening match of one party of the subject against one list entry.</summary>
public sealed record ScreeningFinding(string List, string EntryId, string EntryName, double Score);

/// <summary>
/// Where the screening predicate reads findings from: stored findings in the service, an in-memory matcher in the
/// simulator and the benchmark. A seam on purpose: screening storage evolves separately from the rules.
/// </summary>
public interface IScreeningFindings
{
    IReadOnlyList<ScreeningFinding> Findings(RuleInput input, ScreenedParty party, string list);
}

public sealed class NoScreeningFindings : IScreeningFindings
{
    public static readonly NoScreeningFindings Instance = new();

    public IReadOnlyList<ScreeningFinding> Findings(RuleInput input, ScreenedParty party, string list) => [];
}
