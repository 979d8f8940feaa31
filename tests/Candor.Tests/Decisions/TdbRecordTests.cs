using Candor.Features.Decisions;
using Candor.Features.Decisions.Export;
using Candor.Features.Decisions.Issuing;

namespace Candor.Tests.Decisions;

/// <summary>What the export status says about the Commission's record, for every status and export state (pure).</summary>
public sealed class TdbRecordTests
{
    private static readonly DateTimeOffset Sent = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(DecisionStatuses.Issued, ExportStates.Sent)]
    [InlineData(DecisionStatuses.Issued, ExportStates.Pending)]
    [InlineData(DecisionStatuses.Draft, "not_queued")]
    [InlineData(DecisionStatuses.Reversed, ExportStates.Failed)]
    public void Nothing_to_say_when_the_tdb_holds_or_will_hold_the_decision_as_candor_does(string status, string state) =>
        Assert.Null(TdbRecord.Note(status, state, Sent, Sent.AddMinutes(1), null));

    [Fact]
    public void A_reversal_after_the_tdb_accepted_the_statement_says_the_record_still_shows_the_original() =>
        Assert.Equal("reversed after export; the TDB has no update endpoint — the Commission's record still shows the original",
            TdbRecord.Note(DecisionStatuses.Reversed, ExportStates.Sent, Sent, Sent.AddMinutes(1), null));

    [Fact]
    public void A_supersession_after_export_names_the_new_decision_sent_as_a_new_statement()
    {
        var successor = Guid.Parse("01935f3a-0000-7000-8000-000000000001");
        var note = TdbRecord.Note(DecisionStatuses.Superseded, ExportStates.Sent, Sent, Sent.AddHours(1), successor);
        Assert.StartsWith("superseded after export; " + TdbRecord.NoUpdate, note, StringComparison.Ordinal);
        Assert.EndsWith($"the superseding decision {successor} is exported as a new statement with its own puid", note, StringComparison.Ordinal);
    }

    [Fact]
    public void A_change_before_export_says_it_is_or_was_sent_as_originally_issued()
    {
        Assert.StartsWith("reversed before export, and sent as originally issued",
            TdbRecord.Note(DecisionStatuses.Reversed, ExportStates.Sent, Sent, Sent.AddMinutes(-1), null), StringComparison.Ordinal);
        Assert.StartsWith("superseded before export; it will be sent as originally issued",
            TdbRecord.Note(DecisionStatuses.Superseded, ExportStates.Pending, null, Sent, null), StringComparison.Ordinal);
        Assert.StartsWith("reversed before export; it will be sent as originally issued",
            TdbRecord.Note(DecisionStatuses.Reversed, "not_queued", null, Sent, null), StringComparison.Ordinal);
    }

    [Fact]
    public void Boilerplate_lock_keys_are_sorted_distinct_and_differ_by_platform_and_field()
    {
        var normalised = TextFingerprint.Normalise(BoilerplateRaceTests.BareFacts);
        var signature = TextFingerprint.Signature(TextFingerprint.Shingles(normalised));
        FingerprintedText Text(string field) => new(field, BoilerplateRaceTests.BareFacts, normalised, TextFingerprint.ExactHash(normalised), signature);

        var keys = BoilerplateLock.KeysOf(7, [Text(TextUseCounts.FactsField), Text(TextUseCounts.FactsField)]);
        Assert.Equal(TextFingerprint.BandKeys(signature).Length, keys.Length); // the same text twice: one key per band
        Assert.Equal(keys.Order(), keys);
        Assert.Empty(keys.Intersect(BoilerplateLock.KeysOf(8, [Text(TextUseCounts.FactsField)])));
        Assert.Empty(keys.Intersect(BoilerplateLock.KeysOf(7, [Text(TextUseCounts.ExplanationField)])));
    }
}
