using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Candor.Data;
using Candor.Features.Decisions.Published;
using Candor.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Candor.Features.Decisions.Export;

/// <summary>How one export run ended. <see cref="RetryError"/> set: stopped early, the rest is still pending.</summary>
public sealed record ExportRun(int Sent, int AlreadyPresent, int Failed, string? RetryError, TimeSpan? RetryAfter);

/// <summary>
/// Sends a platform's pending decisions to a TDB in batches of up to 100 (<c>POST /api/v1/statements</c>). A batch
/// is marked sent in one transaction after the 201; a crash between the 201 and that commit leaves it pending, and
/// sending it again gets the TDB's duplicate answer (422 with <c>existing_puids</c>), which marks those decisions
/// sent without storing them twice. Per-statement 422s mark only the named statements failed; the rest are resent.
/// </summary>
public static class TdbExporter
{
    public static async Task<ExportRun> RunAsync(CandorDb db, TimeProvider clock, HttpClient http, TdbTarget target,
        long platformId, int batchSize, Func<int, Task> progress, CancellationToken ct)
    {
        int sent = 0, present = 0, failed = 0;
        while (true)
        {
            var batch = await db.DecisionExports.Where(e => e.PlatformId == platformId && e.State == ExportStates.Pending)
                .OrderBy(e => e.DecisionId).Take(batchSize).ToListAsync(ct);
            if (batch.Count == 0) return new ExportRun(sent, present, failed, null, null);
            var ids = batch.Select(e => e.DecisionId).ToList();
            var decisions = (await PublicDecisions.LoadAsync(db, db.Decisions.AsNoTracking().Visible().Where(d => ids.Contains(d.Id)), ct))
                .ToDictionary(d => d.Id);
            var now = clock.GetUtcNow();
            // Only public decisions are sent; a row for anything else (a bug elsewhere) fails rather than leaks.
            foreach (var orphan in batch.Where(e => !decisions.ContainsKey(e.DecisionId)))
                Mark(orphan, ExportStates.Failed, now, "the decision is not public", null, ref failed);
            var sending = batch.Where(e => decisions.ContainsKey(e.DecisionId)).ToList();
            if (sending.Count == 0)
            {
                await db.SaveChangesAsync(ct);
                continue;
            }
            var statements = sending.Select(e => TdbExportStatement.Of(decisions[e.DecisionId].Public, decisions[e.DecisionId].Puid)).ToList();

            var answer = await PostAsync(http, target, statements, ct);
            if (answer.Status == HttpStatusCode.Created)
            {
                foreach (var row in sending) Mark(row, ExportStates.Sent, now, null, null, ref sent);
                await db.SaveChangesAsync(ct); // one transaction: the whole batch is sent, or still pending
            }
            else if (answer.Status == HttpStatusCode.UnprocessableEntity && answer.Body is { } body
                     && Handle422(body, sending, decisions, now, ref present, ref failed))
            {
                await db.SaveChangesAsync(ct);
            }
            else
            {
                var error = answer.Describe();
                foreach (var row in sending)
                {
                    row.Attempts++;
                    row.LastAttemptAt = now;
                    row.LastError = Truncate(error);
                }
                await db.SaveChangesAsync(ct);
                return new ExportRun(sent, present, failed, error, answer.RetryAfter);
            }
            await progress(sent + present + failed);
        }
    }

    /// <summary>Duplicate puids are marked sent; statements named by field errors are marked failed. False when the answer names nothing in the batch.</summary>
    private static bool Handle422(JsonElement body, List<DecisionExport> sending, Dictionary<long, LoadedDecision> decisions,
        DateTimeOffset now, ref int present, ref int failed)
    {
        if (!body.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Object) return false;
        var handled = false;
        if (errors.TryGetProperty("existing_puids", out var existing) && existing.ValueKind == JsonValueKind.Array)
        {
            var puids = existing.EnumerateArray().Select(p => p.GetString()).ToHashSet(StringComparer.Ordinal);
            foreach (var row in sending.Where(r => puids.Contains(decisions[r.DecisionId].Puid)))
            {
                Mark(row, ExportStates.Sent, now, null, "the TDB already had this puid", ref present);
                handled = true;
            }
        }
        for (var i = 0; i < sending.Count; i++)
        {
            if (!errors.TryGetProperty($"statement_{i}", out var itemErrors)) continue;
            Mark(sending[i], ExportStates.Failed, now, Truncate("422 " + itemErrors.GetRawText()), null, ref failed);
            handled = true;
        }
        return handled;
    }

    private static void Mark(DecisionExport row, string state, DateTimeOffset now, string? error, string? note, ref int counter)
    {
        row.State = state;
        row.Attempts++;
        row.LastAttemptAt = now;
        row.LastError = error;
        row.Note = note;
        if (state == ExportStates.Sent) row.SentAt = now;
        counter++;
    }

    private sealed record Answer(HttpStatusCode? Status, JsonElement? Body, string? Text, TimeSpan? RetryAfter, string? Failure)
    {
        public string Describe() => Failure ?? $"{(int)Status!.Value} {Text}";
    }

    private static async Task<Answer> PostAsync(HttpClient http, TdbTarget target, List<Dictionary<string, object>> statements, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(target.BaseUrl, "api/v1/statements"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", target.Token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Content = JsonContent.Create(new Dictionary<string, object> { ["statements"] = statements }, options: CandorJson.Output);
        try
        {
            using var response = await http.SendAsync(request, ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            JsonElement? json = null;
            try
            {
                using var document = JsonDocument.Parse(text);
                json = document.RootElement.Clone();
            }
            catch (JsonException)
            {
                // Not JSON (a proxy's error page, the TDB's plain-text 429): kept as text in the error.
            }
            var retryAfter = response.Headers.RetryAfter?.Delta;
            return new Answer(response.StatusCode, json, text.Length > 300 ? text[..300] : text, retryAfter, null);
        }
        catch (HttpRequestException ex)
        {
            return new Answer(null, null, null, null, "network: " + ex.Message);
        }
        catch (TaskCanceledException ex) when (!ct.IsCancellationRequested)
        {
            return new Answer(null, null, null, null, "timeout: " + ex.Message);
        }
    }

    private static string Truncate(string text) => text.Length > 2000 ? text[..2000] : text;
}
