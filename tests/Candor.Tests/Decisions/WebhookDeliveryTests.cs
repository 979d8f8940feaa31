using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Candor.Features.Jobs;
using Candor.Features.Notices;
using Candor.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Candor.Tests.Decisions;

/// <summary>Signed notice webhooks against a real HTTP receiver that fails once, then accepts the retry.</summary>
public abstract class WebhookDeliveryTests(AppFixture app)
{
    private sealed record Received(string Signature, string Event, string Body, bool Valid);

    [Fact]
    public async Task A_notice_is_posted_signed_retried_after_a_failure_and_every_attempt_is_logged()
    {
        var received = new ConcurrentQueue<Received>();
        string? secret = null;
        await using var receiver = await StartReceiverAsync(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            var signature = context.Request.Headers[WebhookSignature.Header].ToString();
            var valid = WebhookSignature.Verify(secret!, signature, body, app.Clock.GetUtcNow(), TimeSpan.FromMinutes(5));
            received.Enqueue(new Received(signature, context.Request.Headers["Candor-Event"].ToString(), body, valid));
            context.Response.StatusCode = received.Count == 1 ? 503 : 204;
        });
        var p = await DecisionPlatform.CreateAsync(app);
        var url = receiver.Urls.First() + "/candor";
        secret = (await app.WithDbAsync(db => SetWebhook.RunAsync(db, app.Clock, p.Platform.Id, url, default))).Secret;
        var runner = app.Services.GetRequiredService<JobRunner>();

        var issued = await p.IssueAsync(DecisionPlatform.Body());
        var decisionId = await app.WithDbAsync(db => db.Decisions.Where(d => d.Uuid == Guid.Parse(issued["uuid"]!.GetValue<string>())).Select(d => d.Id).SingleAsync());
        await runner.RunUntilIdleAsync(default);
        // Wait until the failure is booked (retry scheduled) before moving the clock past the backoff.
        await IssuingTests.Eventually(() => app.WithDbAsync(db => db.Jobs.AnyAsync(j => j.Kind == DeliverWebhook.Kind && j.Attempts == 1 && j.State == JobStates.Queued)),
            () => JobStateAsync(decisionId));
        Assert.Single(received);
        app.Clock.Advance(TimeSpan.FromSeconds(30));
        await runner.RunUntilIdleAsync(default);
        await IssuingTests.Eventually(() => Task.FromResult(received.Count >= 2), () => JobStateAsync(decisionId));

        Assert.All(received, r => Assert.True(r.Valid, $"bad signature {r.Signature}"));
        Assert.All(received, r => Assert.Equal(NoticeDelivery.IssuedEvent, r.Event));
        var notice = JsonNode.Parse(received.Last().Body)!;
        Assert.Equal(issued["uuid"]!.GetValue<string>(), notice["decision_uuid"]!.GetValue<string>());
        Assert.Contains("lab report LR-2291", notice["notice"]!["facts"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("/notices/", notice["notice_url"]!.GetValue<string>(), StringComparison.Ordinal);
        var log = await app.WithDbAsync(db => db.WebhookDeliveries.AsNoTracking().Where(d => d.DecisionId == decisionId).OrderBy(d => d.Id).ToListAsync());
        Assert.Equal([(1, (int?)503), (2, 204)], log.Select(l => (l.Attempt, l.StatusCode)));
        Assert.Equal(2, received.Count);
    }

    private Task<string> JobStateAsync(long decisionId) => app.WithDbAsync(async db =>
        string.Join("; ", (await db.Jobs.AsNoTracking().Where(j => j.Kind == DeliverWebhook.Kind).ToListAsync())
            .Select(j => $"job {j.Id} {j.State} attempts {j.Attempts} run_after {j.RunAfter:O} error {j.LastError}")) + $" (now {app.Clock.GetUtcNow():O}, decision {decisionId})");

    private static async Task<WebApplication> StartReceiverAsync(RequestDelegate handle)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var receiver = builder.Build();
        receiver.MapPost("/candor", handle);
        await receiver.StartAsync();
        return receiver;
    }
}

public sealed class WebhookDeliveryTests_Sqlite(SqliteApp app) : WebhookDeliveryTests(app), IClassFixture<SqliteApp>;

public sealed class WebhookDeliveryTests_Postgres(PostgresApp app) : WebhookDeliveryTests(app), IClassFixture<PostgresApp>;
