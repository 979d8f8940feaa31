using Candor.Features.Ads;
using Candor.Features.Advertisers;

namespace Candor.Features.Rules;

public enum RuleSubjectKind
{
    Ad,
    Advertiser,
}

/// <summary>
/// What the rules read: an ad with its advertiser (either may be missing), plus the screening findings input.
/// Everything derived from the subject (field values, folded text, folded targeting values, screening findings) is
/// computed once on first use and shared by every rule that reads it: with 30+ rules per ad, recomputing per rule
/// (parsing the landing URL, folding targeting, searching a screening index) was most of the evaluation's cost.
/// </summary>
public sealed class RuleInput
{
    private readonly FoldedText?[] _text = new FoldedText?[RuleFields.Count];
    private readonly string?[] _raw = new string?[RuleFields.Count];
    private int _rawRead; // bit per field: whether _raw holds its value (null is a valid value)
    private FoldedText[][]? _targeting;
    private Dictionary<(ScreenedParty, string), IReadOnlyList<ScreeningFinding>>? _findings;

    public RuleInput(AdInput? ad, AdvertiserInput? advertiser, IScreeningFindings? screening = null)
    {
        Ad = ad;
        Advertiser = advertiser;
        Screening = screening ?? NoScreeningFindings.Instance;
        Kind = ad is null ? RuleSubjectKind.Advertiser : RuleSubjectKind.Ad;
    }

    public AdInput? Ad { get; }
    public AdvertiserInput? Advertiser { get; }
    public IScreeningFindings Screening { get; }
    public RuleSubjectKind Kind { get; }

    public string? Raw(RuleField field)
    {
        var bit = 1 << (int)field;
        if ((_rawRead & bit) != 0) return _raw[(int)field];
        var value = RuleFields.Read(this, field);
        _raw[(int)field] = value;
        _rawRead |= bit;
        return value;
    }

    public FoldedText Text(RuleField field) => _text[(int)field] ??= FoldedText.Of(Raw(field));

    /// <summary>The folded form of targeting value <paramref name="value"/> of criterion <paramref name="criterion"/> of the ad.</summary>
    public FoldedText TargetingText(int criterion, int value)
    {
        _targeting ??= (Ad?.Targeting ?? []).Select(c => (c?.Values ?? []).Select(_ => (FoldedText)null!).ToArray()).ToArray();
        return _targeting[criterion][value] ??= FoldedText.Of(Ad!.Targeting![criterion].Values![value]);
    }

    /// <summary>The findings of one party on one list, asked of <see cref="Screening"/> once per input.</summary>
    public IReadOnlyList<ScreeningFinding> Findings(ScreenedParty party, string list)
    {
        if (Screening is NoScreeningFindings) return [];
        _findings ??= [];
        if (!_findings.TryGetValue((party, list), out var found))
            _findings[(party, list)] = found = Screening.Findings(this, party, list);
        return found;
    }
}
