using Candor.Features.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Candor.Features.Notices;

/// <summary>The job payload of one webhook delivery; the body is fixed when queued, so every retry sends the same notice.</summary>
public sealed record WebhookJob(long EndpointId, long DecisionId, string Event, string Body);

/// <summary>
/// POSTs one signed notice to one platform endpoint. Anything but a 2xx is retried by the job queue with its backoff
/// (5 s, 10 s, 20 s … capped at one hour, 20 attempts); every attempt is written to the delivery log.
/// </summary>
public sealed class DeliverWebhook(IHttpClientFactory httpClients) : IJobHandler
{
    public const string Kind = "notices.webhook";
    public const string HttpClientName = "webhooks";

    public async Task<JobOutcome> RunAsync(JobContext context, CancellationToken ct)
    {
        var job = context.Payload<WebhookJob>();
        var db = context.Db;
        var endpoint = await db.Set<WebhookEndpoint>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == job.EndpointId, ct);
        if (endpoint is null || endpoint.DisabledAt is not null) return JobOutcome.Fail("the webhook endpoint was removed");
        var now = context.Clock.GetUtcNow();
        int? status = null;
        string? error = null;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url)
            {
                Content = new StringContent(job.Body, System.Text.Encoding.UTF8, "application/json"),
            };
            request.Headers.TryAddWithoutValidation(WebhookSignature.Header, WebhookSignature.Sign(endpoint.Secret, now.ToUnixTimeSeconds(), job.Body));
            request.Headers.TryAddWithoutValidation("Candor-Event", job.Event);
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, ct);
            status = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode) error = $"HTTP {status}";
        }
        catch (HttpRequestException ex)
        {
            error = ex.Message;
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            error = "timed out";
        }
        db.Set<WebhookDelivery>().Add(new WebhookDelivery
        {
            EndpointId = endpoint.Id, DecisionId = job.DecisionId, JobId = context.JobId, Event = job.Event,
            Attempt = context.Attempt, StatusCode = status, Error = error is { Length: > 1000 } ? error[..1000] : error, At = now,
        });
        await db.SaveChangesAsync(ct);
        return error is null ? JobOutcome.Done : JobOutcome.RetryLater(error);
    }
}
