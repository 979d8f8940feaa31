using Candor.Data;
using Candor.Features.Decisions.Tdb;
using Candor.Features.Notices;
using Candor.Features.Tokens;
using Candor.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Candor.Features.Decisions.Issuing;

public sealed record ReverseRequest(string? Reason);

/// <summary>
/// <c>POST /api/v1/decisions/{uuid}/reverse</c>: the platform withdraws a decision and says why. The decision and the
/// reason stay public ("errors admitted"); the affected party is told through the same channels as the notice.
/// </summary>
public static class ReverseDecision
{
    public const int MaxReason = 2000;

    public static async Task<Results<Ok<DecisionView>, ProblemHttpResult>> HandleAsync(
        Guid uuid, ReverseRequest request, HttpContext http, CandorDb db, TimeProvider clock, NoticeOptions notices, CancellationToken ct)
    {
        var reason = request.Reason?.Trim();
        if (ReasonError(reason) is { } problem)
        {
            var errors = new FieldErrors();
            errors.Add("reason", problem);
            return Problems.Validation(StatusCodes.Status422UnprocessableEntity, "The reversal needs a reason", errors);
        }
        var platformId = http.User.PlatformId();
        var d = await db.Decisions.FirstOrDefaultAsync(x => x.Uuid == uuid && x.PlatformId == platformId, ct);
        if (d is null) return Problems.NotFound($"This platform has no decision {uuid}.");
        if (!await RunAsync(db, clock, notices, d, reason!, TdbAnswers.Actor(http), ct)) return DecisionProblems.NotIssued(d.Status);
        return TypedResults.Ok((await DecisionView.LoadAsync(db, platformId, uuid, TdbAnswers.BaseUrl(http.Request), clock.GetUtcNow(), null, ct))!);
    }

    /// <summary>Why the (trimmed) reason cannot be used, or null: the API and the console refuse alike.</summary>
    public static string? ReasonError(string? reason) =>
        string.IsNullOrEmpty(reason) || reason.Length > MaxReason
            ? $"Say why the decision is reversed (1 to {MaxReason} characters): the reason is shown with the decision."
            : null;

    public static async Task<bool> RunAsync(CandorDb db, TimeProvider clock, NoticeOptions notices, Decision d, string reason, string actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var reversed = await db.Decisions.Where(x => x.Id == d.Id && x.Status == DecisionStatuses.Issued)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, DecisionStatuses.Reversed), ct);
        if (reversed == 0) return false;
        d.Status = DecisionStatuses.Reversed;
        DecisionEventLog.Append(db, d.Id, DecisionEventKinds.Reversed, now, actor, new { reason });
        if (d.Origin == DecisionOrigins.Candor && await DecisionSubject.OfAsync(db, d, ct) is { } subject)
        {
            var (access, path) = NoticeAccess.New(d, now);
            db.Set<NoticeAccess>().Add(access);
            var platformName = await db.Platforms.AsNoTracking().Where(p => p.Id == d.PlatformId).Select(p => p.Name).FirstAsync(ct);
            var notice = NoticeComposer.Compose(d, platformName, subject.Name, subject.AdExternalId, subject.AdTitle, notices, now, reason);
            await NoticeDelivery.QueueAsync(db, clock, d, NoticeDelivery.ReversedEvent, notice, path, ct);
        }
        // The status was set by the compare-and-set above; EF must not write the tracked copy again.
        db.Entry(d).State = EntityState.Unchanged;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        Jobs.JobSignal.Poke();
        return true;
    }
}
