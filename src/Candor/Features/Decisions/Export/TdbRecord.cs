using System.Globalization;

namespace Candor.Features.Decisions.Export;

/// <summary>
/// What the EU Transparency Database holds for a decision that Candor has since reversed or superseded. The TDB has no
/// update or delete endpoint (docs/tdb-compatibility.md, "Reversals and amendments after export"): a statement once
/// sent stays there as sent, and an amendment reaches it as a new statement with its own puid. Pure, so every
/// combination is tested without a database; the API (<see cref="GetDecisionExport"/>) and the public page show it.
/// </summary>
public static class TdbRecord
{
    public const string NoUpdate = "the TDB has no update endpoint — the Commission's record still shows the original";

    /// <param name="decisionStatus">The decision's status in Candor.</param>
    /// <param name="exportState"><see cref="ExportStates"/>, or <c>not_queued</c>.</param>
    /// <param name="sentAt">When the TDB accepted it, if it did.</param>
    /// <param name="changedAt">When it was reversed or superseded.</param>
    /// <param name="supersededBy">The decision that replaced it, for a superseded one.</param>
    /// <returns>Null when the TDB's record is (or will be) the decision as Candor holds it.</returns>
    public static string? Note(string decisionStatus, string exportState, DateTimeOffset? sentAt, DateTimeOffset? changedAt, Guid? supersededBy)
    {
        var change = decisionStatus switch
        {
            DecisionStatuses.Reversed => "reversed",
            DecisionStatuses.Superseded => "superseded",
            _ => null,
        };
        if (change is null) return null;
        var successor = decisionStatus == DecisionStatuses.Superseded
            ? $"; the superseding decision{(supersededBy is { } uuid ? " " + uuid.ToString("D", CultureInfo.InvariantCulture) : "")} is exported as a new statement with its own puid"
            : "";
        if (exportState == ExportStates.Sent)
            return sentAt is { } sent && changedAt is { } at && at < sent
                ? $"{change} before export, and sent as originally issued: a TDB statement has no field for a {Noun(change)}, and " +
                  $"the platform must still report the decision it took (DSA Art. 24(5)); {NoUpdate}{successor}"
                : $"{change} after export; {NoUpdate}{successor}";
        if (exportState == ExportStates.Failed) return null;
        // Pending or not yet queued: it will be sent as originally issued, for the same reason.
        return $"{change} before export; it will be sent as originally issued (a TDB statement has no field for a {Noun(change)}), " +
               $"and the TDB has no update endpoint to correct it later{successor}";
    }

    private static string Noun(string change) => change == "reversed" ? "reversal" : "replacement";
}
