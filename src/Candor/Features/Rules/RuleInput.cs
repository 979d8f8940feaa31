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
/// Folded text is computed once per field and shared by every rule that reads it.
/// </summary>
public sealed class RuleInput
{
    private readonly FoldedText?[] _text = new FoldedText?[RuleFields.Count];

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

    public string? Raw(RuleField field) => RuleFields.Read(this, field);

    public FoldedText Text(RuleField field) => _text[(int)field] ??= FoldedText.Of(Raw(field));
}
