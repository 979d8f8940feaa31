using System.Text.Json;
using Candor.Data;
using Candor.Features.Ads;
using Candor.Features.Tokens;
using Candor.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Candor.Features.Advertisers;

/// <summary>POST /api/v1/advertisers: create or update up to 1,000 advertisers by the platform's ids.</summary>
public static class UpsertAdvertisers
{
    public static async Task<Results<Ok<IngestResponse>, ProblemHttpResult>> HandleAsync(
        HttpContext http, CandorDb db, TimeProvider clock, Evaluations.EvaluationDependencies evaluation, CancellationToken ct,
        string? evaluate = null)
    {
        if (Evaluations.SyncEvaluation.Problem(evaluate) is { } bad) return bad;
        var (records, problem) = await IngestBody.ReadAsync<AdvertiserInput>(http.Request, ct);
        if (problem is not null) return problem;
        var result = await RunAsync(db, clock, http.User.PlatformId(), records!, InvalidRecords.RefuseBatch, ct);
        if (result.Errors.Any)
            return Problems.Validation(StatusCodes.Status422UnprocessableEntity, "Some advertisers are invalid; nothing was stored", result.Errors);
        var response = IngestResponse.From(result.Outcomes);
        if (evaluate is not null)
            response = response with { Evaluations = await Evaluations.SyncEvaluation.RunAsync(db, clock, evaluation, http.User.PlatformId(), result, ct) };
        return TypedResults.Ok(response);
    }

    public static async Task<BatchResult> RunAsync(
        CandorDb db, TimeProvider clock, long platformId, IReadOnlyList<AdvertiserInput?> records, InvalidRecords mode, CancellationToken ct)
    {
        var (valid, errors, rejected) = BatchValidation.Validate(records, (r, prefix, e) => r.Validate(prefix, e), r => r.Id);
        if (errors.Any && mode == InvalidRecords.RefuseBatch) return new BatchResult([], errors, rejected);
        var normalised = valid.Select(v => (v.Index, Record: v.Record.Normalised())).ToList();
        var (outcomes, evaluation) = normalised.Count == 0
            ? ([], null)
            : await UniqueConflictRetry.RunAsync(db, token => StoreAsync(db, clock, platformId, normalised, token), ct);
        return new BatchResult(outcomes, errors, rejected) { Evaluation = evaluation };
    }

    private static async Task<(List<IngestOutcome>, Evaluations.QueuedEvaluation?)> StoreAsync(
        CandorDb db, TimeProvider clock, long platformId, List<(int Index, AdvertiserInput Record)> records, CancellationToken ct)
    {
        var ids = records.Select(r => r.Record.Id!).ToList();
        var existing = await db.Advertisers
            .Where(a => a.PlatformId == platformId && ids.Contains(a.ExternalId))
            .ToDictionaryAsync(a => a.ExternalId, StringComparer.Ordinal, ct);
        var now = clock.GetUtcNow();
        var outcomes = new List<IngestOutcome>(records.Count);
        var createdRows = new List<Advertiser>();
        var updatedRows = new List<Advertiser>();
        foreach (var (index, record) in records)
        {
            var hash = ContentHash.Of(record);
            if (existing.TryGetValue(record.Id!, out var advertiser))
            {
                if (advertiser.ContentHash == hash) { outcomes.Add(new(index, record.Id!, IngestResult.Unchanged)); continue; }
                Apply(advertiser, record, hash, now);
                updatedRows.Add(advertiser);
                outcomes.Add(new(index, record.Id!, IngestResult.Updated));
                continue;
            }
            advertiser = new Advertiser
            {
                PlatformId = platformId, ExternalId = record.Id!, LegalName = "", Country = "", RegistrationIdsJson = "[]",
                VerificationStatus = "", NameSearch = "", ContentHash = "", CreatedAt = now,
            };
            Apply(advertiser, record, hash, now);
            db.Advertisers.Add(advertiser);
            createdRows.Add(advertiser);
            outcomes.Add(new(index, record.Id!, IngestResult.Created));
        }
        var changed = outcomes.Where(o => o.Result != IngestResult.Unchanged).Select(o => o.Id).ToList();
        if (changed.Count == 0)
        {
            db.ChangeTracker.Clear();
            return (outcomes, null);
        }
        // Screening and evaluation run after the commit on a job runner; both are queued in the same transaction.
        Screening.Vetting.ScreeningJobs.AddScreenAdvertisers(db, clock, platformId, changed);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        var evaluation = Evaluations.EvaluationJobs.AddForAdvertisers(db, clock, platformId,
            createdRows.Select(a => a.Id).ToList(), updatedRows.Select(a => a.Id).ToList());
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return (outcomes, evaluation);
    }

    private static void Apply(Advertiser advertiser, AdvertiserInput record, string hash, DateTimeOffset now)
    {
        advertiser.LegalName = record.LegalName!;
        advertiser.DisplayName = record.DisplayName;
        advertiser.Country = record.Country!;
        advertiser.RegistrationIdsJson = JsonSerializer.Serialize(record.RegistrationIds, CandorJson.Output);
        advertiser.VerificationStatus = JsonNamingPolicy.SnakeCaseLower.ConvertName(record.VerificationStatus!.Value.ToString());
        advertiser.ContactEmail = record.ContactEmail;
        advertiser.NameSearch = SearchText.Fold(record.LegalName, record.DisplayName);
        advertiser.ContentHash = hash;
        advertiser.UpdatedAt = now;
    }
}
