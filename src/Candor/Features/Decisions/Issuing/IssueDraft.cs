using Candor.Data;
using Candor.Features.Decisions.Tdb;
using Candor.Features.Notices;
using Candor.Features.Tokens;
using Candor.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Candor.Features.Decisions.Issuing;

/// <summary><c>POST /api/v1/decisions/{uuid}/issue</c>: a draft becomes the platform's decision, unchanged.</summary>
public static class IssueDraft
{
    public static async Task<Results<Ok<DecisionView>, ProblemHttpResult>> HandleAsync(
        Guid uuid, HttpContext http, CandorDb db, TimeProvider clock, BoilerplateOptions boilerplate, NoticeOptions notices, CancellationToken ct)
    {
        var platformId = http.User.PlatformId();
        var outcome = await RunAsync(db, clock, boilerplate, notices, platformId, uuid, TdbAnswers.Actor(http), ct);
        if (outcome.Decision is null && outcome.Errors is null && !outcome.Conflict) return Problems.NotFound($"This platform has no decision {uuid}.");
        if (outcome.Conflict) return DecisionProblems.NotADraft();
        if (outcome.Errors is { } errors) return Problems.Validation(StatusCodes.Status422UnprocessableEntity, CreateDecision.Title, errors);
        var baseUrl = TdbAnswers.BaseUrl(http.Request);
        return TypedResults.Ok((await DecisionView.LoadAsync(db, platformId, uuid, baseUrl, clock.GetUtcNow(), baseUrl + outcome.NoticePath, ct))!);
    }

    public static async Task<DecisionWriteOutcome> RunAsync(
        CandorDb db, TimeProvider clock, BoilerplateOptions boilerplate, NoticeOptions notices, long platformId, Guid uuid, string actor, CancellationToken ct)
    {
        var d = await db.Decisions.FirstOrDefaultAsync(x => x.Uuid == uuid && x.PlatformId == platformId, ct);
        if (d is null) return new(null, null, null);
        if (d.Status != DecisionStatuses.Draft) return new(d, null, null, Conflict: true);
        var subject = (await DecisionSubject.OfAsync(db, d, ct))!;
        var now = clock.GetUtcNow();
        // Texts may have become common since the draft was written: the check runs again on issue, holding the
        // lock that makes count and insert one step (BoilerplateLock); the first pass only finds the lock keys.
        var evidence = Issuance.EvidenceOf(d);
        var check = await BoilerplateCheck.RunAsync(db, d, evidence, subject, boilerplate, now, ct);
        if (check.Errors.Any) return new(null, null, check.Errors);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await BoilerplateLock.TakeAsync(db, platformId, check.Texts, ct);
        check = await BoilerplateCheck.RunAsync(db, d, evidence, subject, boilerplate, now, ct);
        if (check.Errors.Any) return new(null, null, check.Errors);
        var claimed = await db.Decisions.Where(x => x.Id == d.Id && x.Status == DecisionStatuses.Draft)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, DecisionStatuses.Issued), ct);
        if (claimed == 0) return new(d, null, null, Conflict: true);
        var path = await Issuance.CompleteAsync(db, clock, d, subject, check.Texts, actor, notices, null, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        Jobs.JobSignal.Poke();
        return new(d, path, null);
    }
}

public static class DecisionProblems
{
    public static ProblemHttpResult NotADraft() => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not a draft",
        detail: "Only a draft can be issued. An issued decision is never edited: amend it (a new decision replaces it) or reverse it.");

    public static ProblemHttpResult NotIssued(string status) => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not in force",
        detail: $"The decision is {status}; only an issued decision in force can be amended or reversed.");
}
