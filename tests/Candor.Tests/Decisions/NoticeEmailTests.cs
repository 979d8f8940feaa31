using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Candor.Features.Mail;
using Candor.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Candor.Tests.Decisions;

/// <summary>The notice by email: the advertiser's private contact address, a real SMTP server, the link in the email.</summary>
public abstract partial class NoticeEmailTests(AppFixture app)
{
    [Fact]
    public async Task An_issued_decision_is_emailed_with_its_link_and_the_decision_is_notified_when_the_email_is_sent()
    {
        var p = await DecisionPlatform.CreateAsync(app);
        var email = $"legal-{Guid.NewGuid():N}@acme.example";
        await SetContactEmailAsync(p, "adv-1", email.ToUpperInvariant());

        var issued = await p.IssueAsync(DecisionPlatform.Body());
        var uuid = issued["uuid"]!.GetValue<string>();
        Assert.True(issued["notice"]!["email"]!.GetValue<string>() is "queued" or "sent");

        var message = await app.Mail.WaitForAsync(email);
        Assert.Contains(uuid, message.Subject, StringComparison.Ordinal);
        var body = message.TextBody ?? "";
        Assert.Contains("lab report LR-2291", body, StringComparison.Ordinal);
        Assert.Contains("clause ads-4.2, version 2026-09", body, StringComparison.Ordinal);
        var link = new Uri(NoticeLink().Match(body).Value);
        Assert.Equal($"/notices/{uuid}", link.AbsolutePath);

        var page = await (await app.Anonymous().GetAsync(link.PathAndQuery)).Content.ReadAsStringAsync();
        Assert.Contains("lab report LR-2291", page, StringComparison.Ordinal);

        JsonNode decision = issued;
        await IssuingTests.Eventually(async () =>
        {
            decision = await (await p.Decisions.GetAsync($"/api/v1/decisions/{uuid}")).ReadJsonAsync(HttpStatusCode.OK);
            return decision["notice"]!["email"]!.GetValue<string>() == "sent" && decision["notice"]!["notified_at"] is not null;
        });
        var notified = decision["events"]!.AsArray().Single(e => e!["kind"]!.GetValue<string>() == "notified")!;
        Assert.Equal("email", notified["payload"]!["channel"]!.GetValue<string>());
        Assert.DoesNotContain(email, decision.ToJsonString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Without_a_contact_email_no_mail_is_queued_and_the_answer_says_how_the_notice_reaches_the_party()
    {
        var p = await DecisionPlatform.CreateAsync(app);

        var issued = await p.IssueAsync(DecisionPlatform.Body());

        Assert.Equal("none", issued["notice"]!["email"]!.GetValue<string>());
        Assert.Null(issued["notice"]!["notified_at"]);
        var note = issued["notice"]!["note"]!.GetValue<string>();
        Assert.Contains("no contact_email", note, StringComparison.Ordinal);
        Assert.Contains("available by its link", note, StringComparison.Ordinal);
        Assert.Contains("no webhook endpoint", note, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.PlatformId == p.Platform.Id)));
    }

    [Fact]
    public async Task A_malformed_contact_email_is_refused_and_nothing_is_stored()
    {
        var platform = await app.CreatePlatformAsync();
        var record = SampleRecords.Advertiser("adv-x").With("contact_email", "not an address");

        var problem = await (await platform.Client.PostAsync("/api/v1/advertisers", HttpAssertions.Json(new[] { record })))
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Contains("[0].contact_email", problem.ErrorKeys());
        Assert.Equal(0, await app.WithDbAsync(db => db.Advertisers.CountAsync(a => a.PlatformId == platform.Id)));
    }

    [Fact]
    public async Task The_contact_email_is_in_the_platforms_private_view_and_in_no_public_answer()
    {
        var p = await DecisionPlatform.CreateAsync(app, legalName: "Zephyr Contact Test " + Guid.NewGuid().ToString("N")[..8]);
        var email = $"private-{Guid.NewGuid():N}@acme.example";
        await SetContactEmailAsync(p, "adv-1", email);

        var own = await (await p.Platform.Client.GetAsync("/api/v1/advertisers/adv-1")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(email, own["contact_email"]!.GetValue<string>());

        var search = await (await app.Anonymous().GetAsync("/api/v1/public/ads?advertiser=" + Uri.EscapeDataString("Zephyr Contact Test"))).ReadJsonAsync(HttpStatusCode.OK);
        var ids = search["data"]!.AsArray().Select(a => a!["id"]!.GetValue<long>()).ToList();
        Assert.NotEmpty(ids);
        Assert.DoesNotContain(email, search.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        foreach (var id in ids)
        {
            Assert.DoesNotContain(email, await app.Anonymous().GetStringAsync($"/api/v1/public/ads/{id}"), StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(email, await app.Anonymous().GetStringAsync($"/ads/{id}"), StringComparison.OrdinalIgnoreCase);
        }
    }

    private static async Task SetContactEmailAsync(DecisionPlatform p, string advertiserId, string email)
    {
        var record = SampleRecords.Advertiser(advertiserId).With("contact_email", email);
        var advertiser = await p.Platform.Client.GetAsync($"/api/v1/advertisers/{advertiserId}");
        var current = await advertiser.ReadJsonAsync(HttpStatusCode.OK);
        record = record.With("legal_name", current["legal_name"]!.GetValue<string>());
        (await p.Platform.Client.PostAsync("/api/v1/advertisers", HttpAssertions.Json(new[] { record }))).EnsureSuccessStatusCode();
    }

    [GeneratedRegex(@"https?://\S+/notices/\S+")]
    private static partial Regex NoticeLink();
}

public sealed class NoticeEmailTests_Sqlite(SqliteApp app) : NoticeEmailTests(app), IClassFixture<SqliteApp>;

public sealed class NoticeEmailTests_Postgres(PostgresApp app) : NoticeEmailTests(app), IClassFixture<PostgresApp>;
