using System.Net;
using System.Text.Json.Nodes;
using Candor.Features.Decisions.Export;
using Candor.Features.Tokens;
using Candor.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Candor.Tests.Decisions;

/// <summary>
/// Decisions reversed or amended after (and before) their export to a TDB — a second, real Candor on another port
/// through its TDB-compatible API, which like the TDB has no update or delete endpoint.
/// </summary>
public abstract class TdbExportAfterChangeTests(AppFixture app, TdbTargetApp tdb)
{
    private sealed record Setup(DecisionPlatform Platform, TdbTarget Target, long TdbPlatformId);

    private async Task<Setup> SetupAsync()
    {
        var p = await DecisionPlatform.CreateAsync(app);
        var remote = await tdb.CreatePlatformAsync();
        var token = await tdb.WithDbAsync(db => CreateToken.RunAsync(db, tdb.Clock, remote.Id, "export", null, default, CreateToken.DecisionsWriteScope));
        var configuration = app.Services.GetRequiredService<IConfiguration>();
        configuration[$"Candor:Tdb:Platforms:{p.Platform.Slug}:Token"] = token.Token;
        configuration[$"Candor:Tdb:Platforms:{p.Platform.Slug}:BaseUrl"] = tdb.BaseAddress.ToString();
        return new Setup(p, new TdbTarget(tdb.BaseAddress, token.Token), remote.Id);
    }

    private Task<ExportRun> ExportAsync(Setup s) => app.WithDbAsync(async db =>
    {
        await ExportBacklog.MarkPendingAsync(db, app.Clock, s.Platform.Platform.Id, null, false, default);
        using var http = new HttpClient();
        return await TdbExporter.RunAsync(db, app.Clock, http, s.Target, s.Platform.Platform.Id, TdbExportSettings.MaxBatch, _ => Task.CompletedTask, default);
    });

    private Task<List<string>> ReceivedPuidsAsync(Setup s) =>
        tdb.WithDbAsync(db => db.Decisions.Where(d => d.PlatformId == s.TdbPlatformId).Select(d => d.Puid).OrderBy(p => p).ToListAsync());

    private static async Task<JsonNode> ExportStatusAsync(Setup s, string uuid) =>
        await (await s.Platform.Decisions.GetAsync($"/api/v1/decisions/{uuid}/export")).ReadJsonAsync(HttpStatusCode.OK);

    private static async Task<string> IssueAsync(Setup s, string? puid = null, string advertiserId = "adv-1")
    {
        var body = DecisionPlatform.Body(advertiserId);
        if (puid is not null) body["puid"] = puid;
        return (await s.Platform.IssueAsync(body))["uuid"]!.GetValue<string>();
    }

    private static async Task ReverseAsync(Setup s, string uuid, string reason) =>
        await (await s.Platform.Decisions.PostAsync($"/api/v1/decisions/{uuid}/reverse", HttpAssertions.Json(new { reason }))).ReadJsonAsync(HttpStatusCode.OK);

    [Fact]
    public async Task A_decision_reversed_after_export_says_the_tdb_still_shows_the_original_on_the_api_and_the_public_page()
    {
        var s = await SetupAsync();
        var uuid = await IssueAsync(s, "rev-1");
        Assert.Equal(1, (await ExportAsync(s)).Sent);
        Assert.Null((await ExportStatusAsync(s, uuid))["tdb_record"]);
        app.Clock.Advance(TimeSpan.FromMinutes(5));

        await ReverseAsync(s, uuid, "The lab report concerned another product line.");
        var status = await ExportStatusAsync(s, uuid);
        Assert.Equal("sent", status["state"]!.GetValue<string>());
        Assert.Equal("reversed", status["decision_status"]!.GetValue<string>());
        Assert.Equal("reversed after export; " + TdbRecord.NoUpdate, status["tdb_record"]!.GetValue<string>());

        var page = await app.Anonymous().GetStringAsync($"/decisions/{uuid}");
        Assert.Contains("reversed after export; the TDB has no update endpoint", System.Net.WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        Assert.Equal(0, (await ExportAsync(s)).Sent); // nothing new to send, and nothing can be withdrawn
        Assert.Equal("rev-1", Assert.Single(await ReceivedPuidsAsync(s)));
    }

    [Fact]
    public async Task An_amendment_after_export_goes_as_a_new_statement_with_its_own_puid_and_the_original_says_it_was_superseded()
    {
        var s = await SetupAsync();
        var original = await IssueAsync(s, "orig-1");
        Assert.Equal(1, (await ExportAsync(s)).Sent);
        app.Clock.Advance(TimeSpan.FromMinutes(5));

        var amendBody = DecisionPlatform.Body(facts: "On 2026-10-03 the landing page of ad ad-1 stated \"100% waterproof for life\" [E1]; lab report LR-2291 [E2] " +
                                                     "measured water ingress after 35 minutes at 1,500 mm.");
        amendBody["puid"] = "orig-1-amended";
        var amended = (await (await s.Platform.Decisions.PostAsync($"/api/v1/decisions/{original}/amend", HttpAssertions.Json(amendBody)))
            .ReadJsonAsync(HttpStatusCode.Created))["uuid"]!.GetValue<string>();

        var before = await ExportStatusAsync(s, original);
        Assert.Equal("superseded", before["decision_status"]!.GetValue<string>());
        Assert.Equal(amended, before["superseded_by"]!.GetValue<string>());
        Assert.StartsWith("superseded after export; " + TdbRecord.NoUpdate, before["tdb_record"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains($"the superseding decision {amended} is exported as a new statement with its own puid", before["tdb_record"]!.GetValue<string>(),
            StringComparison.Ordinal);

        Assert.Equal(1, (await ExportAsync(s)).Sent);
        Assert.Equal("orig-1 orig-1-amended", string.Join(" ", await ReceivedPuidsAsync(s)));
        var successor = await ExportStatusAsync(s, amended);
        Assert.Equal("sent", successor["state"]!.GetValue<string>());
        Assert.Null(successor["tdb_record"]);
        var received = await tdb.WithDbAsync(db => db.Decisions.SingleAsync(d => d.PlatformId == s.TdbPlatformId && d.Puid == "orig-1-amended"));
        Assert.Contains("35 minutes", received.DecisionFacts, StringComparison.Ordinal);
        Assert.Contains("superseded after export", System.Net.WebUtility.HtmlDecode(await app.Anonymous().GetStringAsync($"/decisions/{original}")),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_decision_reversed_before_export_is_still_sent_as_issued_and_says_so()
    {
        var s = await SetupAsync();
        var uuid = await IssueAsync(s, "early-1");
        await ReverseAsync(s, uuid, "Issued in error.");
        var queued = await ExportStatusAsync(s, uuid);
        Assert.Equal("not_queued", queued["state"]!.GetValue<string>());
        Assert.StartsWith("reversed before export; it will be sent as originally issued", queued["tdb_record"]!.GetValue<string>(), StringComparison.Ordinal);
        app.Clock.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(1, (await ExportAsync(s)).Sent);
        var sent = await ExportStatusAsync(s, uuid);
        Assert.Equal("sent", sent["state"]!.GetValue<string>());
        Assert.StartsWith("reversed before export, and sent as originally issued", sent["tdb_record"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("early-1", Assert.Single(await ReceivedPuidsAsync(s)));
    }
}

public sealed class TdbExportAfterChangeTests_Sqlite(QuietSqliteApp app, TdbTargetApp tdb)
    : TdbExportAfterChangeTests(app, tdb), IClassFixture<QuietSqliteApp>, IClassFixture<TdbTargetApp>;

public sealed class TdbExportAfterChangeTests_Postgres(QuietPostgresApp app, TdbTargetApp tdb)
    : TdbExportAfterChangeTests(app, tdb), IClassFixture<QuietPostgresApp>, IClassFixture<TdbTargetApp>;
