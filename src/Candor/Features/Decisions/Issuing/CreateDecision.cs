using System.Text.Json;
using Candor.Data;
using Candor.Features.Decisions.Tdb;
using Candor.Features.Notices;
using Candor.Features.Tokens;
using Candor.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Candor.Features.Decisions.Issuing;

public sealed record DecisionWriteOutcome(Decision? Decision, string? NoticePath, FieldErrors? Errors, bool Conflict = false);

/// <summary>
/// <c>POST /api/v1/decisions</c>: a statement of reasons written in Candor, stored as a draft or issued at once. Also the
/// core of amendments (<see cref="AmendDecision"/>) and of the console form.
/// </summary>
public static class CreateDecision
{
    public const string Title = "The decision cannot be issued as written";

    public static async Task<Results<Created<DecisionView>, ProblemHttpResult>> HandleAsync(
        HttpContext http, CandorDb db, TimeProvider clock, BoilerplateOptions boilerplate, NoticeOptions notices, CancellationToken ct)
    {
        var input = await ReadObjectAsync(http, ct);
        if (input is null) return Problems.BadRequest("Malformed JSON", "The body must be one JSON object: a decision.");
        var outcome = await RunAsync(db, clock, boilerplate, notices, http.User.PlatformId(), TdbAnswers.Actor(http), input, DecisionMethods.Api, null, ct);
        return await AnswerAsync(http, db, clock, outcome, ct);
    }

    public static async Task<Dictionary<string, object?>?> ReadObjectAsync(HttpContext http, CancellationToken ct)
    {
        var body = await TdbAnswers.ReadBodyAsync(http.Request, ct);
        return body.ValueKind == JsonValueKind.Object ? TdbInput.ObjectOf(body) : null;
    }

    public static async Task<Results<Created<DecisionView>, ProblemHttpResult>> AnswerAsync(
        HttpContext http, CandorDb db, TimeProvider clock, DecisionWriteOutcome outcome, CancellationToken ct)
    {
        if (outcome.Errors is { } errors) return Problems.Validation(StatusCodes.Status422UnprocessableEntity, Title, errors);
        var baseUrl = TdbAnswers.BaseUrl(http.Request);
        var view = await DecisionView.LoadAsync(db, http.User.PlatformId(), outcome.Decision!.Uuid, baseUrl, clock.GetUtcNow(),
            outcome.NoticePath is null ? null : baseUrl + outcome.NoticePath, ct);
        return TypedResults.Created($"/api/v1/decisions/{outcome.Decision.Uuid}", view);
    }

    /// <summary>A decision that passed every check, built but not stored: what a preview shows and what is then saved.</summary>
    public sealed record Prepared(Decision Decision, DecisionSubject Subject, CandorFields Fields, BoilerplateCheck.Result Check);

    /// <summary>Validates the input exactly as it would be on create, and builds the decision without storing anything.</summary>
    public static async Task<(Prepared? Prepared, FieldErrors Errors)> PrepareAsync(
        CandorDb db, BoilerplateOptions boilerplate, long platformId, string actor, Dictionary<string, object?> input, string method,
        Decision? supersedes, DateTimeOffset now, CancellationToken ct)
    {
        var uuid = Guid.CreateVersion7(now);
        var validated = DecisionInput.Validate(input, now, uuid);
        if (validated.Statement is not { } statement || validated.Fields is not { } fields) return (null, validated.Errors);

        var errors = new FieldErrors();
        var subject = await DecisionSubject.ResolveAsync(db, platformId, fields.AdvertiserId, fields.AdId, errors, ct);
        if (supersedes is not null && subject is not null && subject.AdvertiserId != supersedes.AdvertiserId)
            errors.Add("advertiser_id", "An amendment concerns the same advertiser as the decision it replaces; issue a new decision for another one.");
        if (supersedes is not null && fields.Draft) errors.Add("draft", "An amendment is issued at once: it replaces a decision already in force.");
        if (await db.Decisions.AnyAsync(d => d.PlatformId == platformId && d.Puid == statement.Puid, ct)) errors.Add("puid", TdbAnswers.DuplicateSingle);
        var clause = await ClauseReference.ResolveAsync(db, platformId, fields.Clause, now, errors, ct);
        if (errors.Any || subject is null) return (null, errors);

        var d = TdbStatementRows.ToDecision(statement, platformId, uuid, now, method);
        d.Origin = DecisionOrigins.Candor;
        d.AdvertiserId = subject.AdvertiserId;
        d.AdId = subject.AdId;
        d.ClauseId = clause?.ClauseId ?? fields.Clause.Id;
        d.ClauseVersion = clause?.Version ?? fields.Clause.Version;
        d.ClausePolicyId = clause?.PolicyId;
        d.EvidenceJson = JsonSerializer.Serialize(fields.Evidence, CandorJson.Output);
        d.DeciderKind = fields.Decider?.Kind ?? DeciderKinds.Platform;
        d.DeciderRef = fields.Decider?.Ref ?? actor;
        d.Status = DecisionStatuses.Draft;
        d.IssuedAt = null;
        d.EffectiveAt = fields.EffectiveAt;

        var check = await BoilerplateCheck.RunAsync(db, d, fields.Evidence, subject, boilerplate, now, ct);
        return check.Errors.Any ? (null, check.Errors) : (new Prepared(d, subject, fields, check), check.Errors);
    }

    public static async Task<DecisionWriteOutcome> RunAsync(
        CandorDb db, TimeProvider clock, BoilerplateOptions boilerplate, NoticeOptions notices, long platformId, string actor,
        Dictionary<string, object?> input, string method, Decision? supersedes, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var (prepared, errors) = await PrepareAsync(db, boilerplate, platformId, actor, input, method, supersedes, now, ct);
        if (prepared is not { Decision: var d, Subject: var subject, Fields: var fields, Check: var check }) return new(null, null, errors);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // The count above ran before the transaction; it runs again holding the lock, so that of two issues of one
        // text at the same moment the second sees the first (BoilerplateLock). A refusal here stores nothing.
        await BoilerplateLock.TakeAsync(db, platformId, check.Texts, ct);
        check = await BoilerplateCheck.RunAsync(db, d, fields.Evidence, subject, boilerplate, now, ct);
        if (check.Errors.Any) return new(null, null, check.Errors);
        db.Decisions.Add(d);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (UniqueConflictRetry.IsUniqueViolation(ex))
        {
            // Another request took the puid between our check and our insert.
            var taken = new FieldErrors();
            taken.Add("puid", TdbAnswers.DuplicateSingle);
            return new(null, null, taken);
        }
        string? path = null;
        if (fields.Draft) DecisionEventLog.Append(db, d.Id, DecisionEventKinds.Drafted, now, actor);
        else path = await Issuance.CompleteAsync(db, clock, d, subject, check.Texts, actor, notices,
            supersedes is null ? null : new { supersedes = supersedes.Uuid }, ct);
        if (supersedes is not null)
        {
            // Compare-and-set: of two amendments racing for one decision, only the first supersedes it.
            var replaced = await db.Decisions.Where(o => o.Id == supersedes.Id && o.Status == DecisionStatuses.Issued)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, DecisionStatuses.Superseded), ct);
            if (replaced == 0) return new(null, null, null, Conflict: true);
            DecisionEventLog.Append(db, supersedes.Id, DecisionEventKinds.Superseded, now, actor, new { superseded_by = d.Uuid });
            DecisionEventLog.Append(db, d.Id, DecisionEventKinds.Amended, now, actor, new { supersedes = supersedes.Uuid });
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        Jobs.JobSignal.Poke();
        return new(d, path, null);
    }
}
