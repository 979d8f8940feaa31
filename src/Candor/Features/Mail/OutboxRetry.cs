namespace Candor.Features.Mail;

/// <summary>When to try a failed message again: 30 s, doubling, at most an hour apart; then give up.</summary>
public static class OutboxRetry
{
    public const int MaxAttempts = 12;
    private static readonly TimeSpan First = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Longest = TimeSpan.FromHours(1);

    /// <summary>The wait after the <paramref name="attempts"/>-th failed attempt (1-based).</summary>
    public static TimeSpan Delay(int attempts)
    {
        if (attempts <= 1) return First;
        var seconds = First.TotalSeconds * Math.Pow(2, Math.Min(attempts - 1, 20));
        return seconds >= Longest.TotalSeconds ? Longest : TimeSpan.FromSeconds(seconds);
    }

    public static bool GiveUp(int attempts) => attempts >= MaxAttempts;
}
