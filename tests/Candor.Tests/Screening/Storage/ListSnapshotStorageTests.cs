using Candor.Cli;
using Candor.Features.Screening;
using Candor.Features.Screening.Storage;
using Candor.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Candor.Tests.Screening.Storage;

/// <summary>Snapshots and entries on both engines: import, no-op re-import, failed imports, diffs, the server's index swap.</summary>
public abstract class ListSnapshotStorageTests(AppFixture app)
{
    [Fact]
    public async Task An_import_stores_every_entry_with_the_lists_own_id()
    {
        var slug = ScreeningLists.NewSlug();

        var summary = await ScreeningLists.ImportAsync(app, ScreeningFiles.Fixture("sdn.csv"), slug, "ofac-sdn-csv");

        Assert.False(summary.Unchanged);
        Assert.Equal(4, summary.Entries);
        var rows = await app.WithDbAsync(db => db.ListEntries.Where(e => e.SnapshotId == summary.SnapshotId).OrderBy(e => e.SourceId).ToListAsync());
        Assert.Equal(["306", "34741", "7480", "9001"], rows.Select(r => r.SourceId));
        var mugabe = rows.Single(r => r.SourceId == "7480");
        Assert.Equal("MUGABE, Robert Gabriel", mugabe.PrimaryName);
        Assert.Equal("person", mugabe.Type);
        Assert.Contains("1924", mugabe.DatesOfBirthJson, StringComparison.Ordinal);
        var snapshot = await app.WithDbAsync(db => db.ListSnapshots.SingleAsync(s => s.Id == summary.SnapshotId));
        Assert.Equal(SnapshotStates.Complete, snapshot.State);
        Assert.Equal(app.Clock.GetUtcNow(), snapshot.ImportedAt);
    }

    [Fact]
    public async Task Importing_the_same_file_twice_is_a_no_op()
    {
        var slug = ScreeningLists.NewSlug();
        var path = ScreeningLists.Custom(ScreeningLists.KasperskyRow);

        var first = await ScreeningLists.ImportAsync(app, path, slug);
        var second = await ScreeningLists.ImportAsync(app, path, slug);

        Assert.True(second.Unchanged);
        Assert.Equal(first.SnapshotId, second.SnapshotId);
        Assert.Equal(1, await app.WithDbAsync(db => db.ListSnapshots.CountAsync(s => s.ListSlug == slug)));
    }

    [Fact]
    public async Task A_failed_import_never_replaces_the_current_snapshot()
    {
        var slug = ScreeningLists.NewSlug();
        var good = await ScreeningLists.ImportAsync(app, ScreeningLists.Custom(ScreeningLists.KasperskyRow), slug);
        // The damage is on the last line, after a whole batch could have been written.
        var rows = Enumerable.Range(0, 2500).Select(i => $"x{i},Company {i},,organization,DE,,,,").Append("bad,\"unterminated");
        var damaged = ScreeningLists.Custom([.. rows]);

        var error = await Assert.ThrowsAsync<CliException>(() => ScreeningLists.ImportAsync(app, damaged, slug));

        Assert.Contains("current snapshot is unchanged", error.Message, StringComparison.Ordinal);
        var current = await app.WithDbAsync(db => ListSnapshotQueries.Current(db).SingleAsync(s => s.ListSlug == slug));
        Assert.Equal(good.SnapshotId, current.Id);
        var failed = await app.WithDbAsync(db => db.ListSnapshots.SingleAsync(s => s.ListSlug == slug && s.State == SnapshotStates.Failed));
        Assert.Contains("quoted field", failed.Error, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.ListEntries.CountAsync(e => e.SnapshotId == failed.Id)));
    }

    [Fact]
    public async Task The_wrong_format_flag_fails_with_the_file_and_line()
    {
        var slug = ScreeningLists.NewSlug();

        var error = await Assert.ThrowsAsync<CliException>(() => ScreeningLists.ImportAsync(app, ScreeningFiles.Fixture("un.xml"), slug, "ofac-sdn-csv"));

        Assert.Contains("un.xml", error.Message, StringComparison.Ordinal);
        Assert.Contains("--format", error.Message, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => ListSnapshotQueries.Current(db).AnyAsync(s => s.ListSlug == slug)));
    }

    [Fact]
    public async Task An_xml_bomb_is_refused_and_stores_nothing()
    {
        var slug = ScreeningLists.NewSlug();
        var bomb = ScreeningFiles.Write("bomb.xml", """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
            <CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><FIRST_NAME>&lol2;</FIRST_NAME></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>
            """);

        var error = await Assert.ThrowsAsync<CliException>(() => ScreeningLists.ImportAsync(app, bomb, slug, "un-sc-xml"));

        Assert.Contains("XML", error.Message, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => ListSnapshotQueries.Current(db).AnyAsync(s => s.ListSlug == slug)));
    }

    [Fact]
    public async Task Csl_ids_repeated_across_sub_lists_are_kept_apart()
    {
        var slug = ScreeningLists.NewSlug();
        var header = "_id,source,entity_number,type,programs,name,title,addresses,federal_register_notice,start_date,end_date,standard_order,license_requirement,license_policy,call_sign,vessel_type,gross_tonnage,gross_registered_tonnage,vessel_flag,vessel_owner,remarks,source_list_url,alt_names,citizenships,dates_of_birth,nationalities,places_of_birth,source_information_url,ids";
        var row = (string source) => $"\"17014\",\"{source}\",\"17014\",\"Entity\",\"UKRAINE-EO13662\",\"SBERBANK\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\"";
        var path = ScreeningFiles.Write("csl.csv", string.Join("\n", header, row("Sectoral Sanctions Identifications List (SSI) - Treasury Department"), row("Non-SDN Menu-Based Sanctions List (NS-MBS List) - Treasury Department")) + "\n");

        var summary = await ScreeningLists.ImportAsync(app, path, slug, "us-csl-csv");

        Assert.Equal(2, summary.Entries);
        var keys = await app.WithDbAsync(db => db.ListEntries.Where(e => e.SnapshotId == summary.SnapshotId).Select(e => e.EntryKey).ToListAsync());
        Assert.All(keys, k => Assert.EndsWith("/17014", k, StringComparison.Ordinal));
        Assert.Equal(2, keys.Distinct().Count());
    }

    [Fact]
    public async Task Diff_shows_added_removed_and_changed_entries_between_the_last_two_snapshots()
    {
        var slug = ScreeningLists.NewSlug();
        var v1 = await ScreeningLists.ImportAsync(app, ScreeningLists.Custom(ScreeningLists.KasperskyRow, ScreeningLists.HuaweiRow), slug);
        var changedHuawei = ScreeningLists.HuaweiRow.Replace("Huawei,", "Huawei;HUAWEI TECH,", StringComparison.Ordinal);
        var v2 = await ScreeningLists.ImportAsync(app, ScreeningLists.Custom(changedHuawei, ScreeningLists.ZteRow), slug);

        var diff = await app.WithDbAsync(db => DiffSnapshots.RunAsync(db, slug, null, null, CancellationToken.None));

        Assert.Equal((v1.SnapshotId, v2.SnapshotId), (diff.From, diff.To));
        Assert.Equal((1, 1, 1), (diff.Added, diff.Removed, diff.Changed));
        Assert.Contains(diff.Changes, c => c is { Change: "added", SourceId: "fcc-2" });
        Assert.Contains(diff.Changes, c => c is { Change: "removed", SourceId: "bod-17-01" });
        Assert.Contains(diff.Changes, c => c is { Change: "changed", SourceId: "fcc-1" });
        var reversed = await app.WithDbAsync(db => DiffSnapshots.RunAsync(db, slug, v2.SnapshotId, v1.SnapshotId, CancellationToken.None));
        Assert.Contains(reversed.Changes, c => c is { Change: "added", SourceId: "bod-17-01" });
    }

    [Fact]
    public async Task Diff_of_a_list_with_one_snapshot_says_so()
    {
        var slug = ScreeningLists.NewSlug();
        await ScreeningLists.ImportAsync(app, ScreeningLists.Custom(ScreeningLists.KasperskyRow), slug);

        var error = await Assert.ThrowsAsync<CliException>(() => app.WithDbAsync(db => DiffSnapshots.RunAsync(db, slug, null, null, CancellationToken.None)));

        Assert.Contains("only one snapshot", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_server_index_swaps_to_a_new_snapshot_and_keeps_serving_the_old_one_until_then()
    {
        var slug = ScreeningLists.NewSlug();
        var holder = app.Services.GetRequiredService<ScreeningIndexHolder>();
        await ScreeningLists.ImportAsync(app, ScreeningLists.Custom(ScreeningLists.KasperskyRow), slug);
        var before = await holder.RefreshAsync(CancellationToken.None);
        var v2 = await ScreeningLists.ImportAsync(app, ScreeningLists.Custom(ScreeningLists.ZteRow), slug);

        var stillOld = await holder.GetAsync(CancellationToken.None);
        var after = await holder.RefreshAsync(CancellationToken.None);

        Assert.Same(before, stillOld);
        Assert.Equal(v2.SnapshotId, after.SnapshotOf(slug));
        Assert.Contains(Search(after, "ZTE Corporation"), m => m.List == slug);
        Assert.DoesNotContain(Search(after, "Kaspersky Lab"), m => m.List == slug);
        Assert.Contains(Search(before, "Kaspersky Lab"), m => m.List == slug);
        Assert.Same(after, await holder.RefreshAsync(CancellationToken.None));
    }

    private static IReadOnlyList<Candor.Features.Screening.Matching.ScreeningMatch> Search(LoadedIndex index, string name) =>
        index.Index.Search(new Candor.Features.Screening.Matching.ScreeningQuery(name, MinScore: 0.85)).Matches;
}

public sealed class ListSnapshotStorageTests_Sqlite(SqliteApp app) : ListSnapshotStorageTests(app), IClassFixture<SqliteApp>;

public sealed class ListSnapshotStorageTests_Postgres(PostgresApp app) : ListSnapshotStorageTests(app), IClassFixture<PostgresApp>;
