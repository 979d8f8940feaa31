namespace Candor.Features.Notices;

/// <summary>What every notice says about redress (<c>Candor:Notices</c>): docs/decisions.md.</summary>
public sealed class NoticeOptions
{
    /// <summary>DSA Art. 20(1): the internal complaint system must be open for at least six months; fewer is ignored.</summary>
    public const int MinimumAppealMonths = 6;

    public int AppealMonths { get; set; } = MinimumAppealMonths;

    /// <summary>Out-of-court dispute settlement bodies (DSA Art. 21) the platform works with.</summary>
    public List<SettlementBody> SettlementBodies { get; set; } = [];

    public string Courts { get; set; } =
        "You may also bring the matter before the competent court at any time (DSA Art. 21(1)); using the complaint system or a " +
        "settlement body does not take that right away. In the EU this is normally a court of the Member State where you are established.";

    public int EffectiveAppealMonths => Math.Max(AppealMonths, MinimumAppealMonths);
}

public sealed class SettlementBody
{
    public string Name { get; set; } = "";
    public string? Url { get; set; }
}
