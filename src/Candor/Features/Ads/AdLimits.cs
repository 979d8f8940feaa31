namespace Candor.Features.Ads;

/// <summary>Text limits, in characters (not bytes). Documented in docs/api.md.</summary>
public static class AdLimits
{
    public const int Id = 128;
    public const int Name = 500;
    public const int Title = 1_000;
    public const int Body = 20_000;
    public const int Url = 2_048;
    public const int ShortText = 100;
    public const int MediaItems = 50;
    public const int TargetingItems = 100;
    public const int TargetingValues = 500;
    public const int TargetingValue = 300;
    public const int RegistrationIds = 20;
    public const int BatchSize = 1_000;
}
