namespace Candor.Features.Tokens;

/// <summary>
/// Which token uses go to the audit trail: the first in each clock hour, and the first from an address other than the
/// last one seen. Auditing every call would double the writes of ingestion; this keeps "who used it, when, from where"
/// at hour resolution for one row per token-hour.
/// </summary>
public static class TokenUse
{
    public static bool Audited(DateTimeOffset? previousUse, string? previousAddress, DateTimeOffset now, string? address) =>
        previousUse is null || HourOf(previousUse.Value) != HourOf(now) || !string.Equals(previousAddress, address, StringComparison.Ordinal);

    private static long HourOf(DateTimeOffset instant) => instant.ToUnixTimeSeconds() / 3600;
}
