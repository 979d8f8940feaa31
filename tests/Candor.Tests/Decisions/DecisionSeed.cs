using Candor.Data;
using Candor.Features.Decisions;
using Candor.Tests.Infrastructure;

namespace Candor.Tests.Decisions;

/// <summary>Decisions written straight into the database, for states the public API cannot create (drafts, reversals).</summary>
public static class DecisionSeed
{
    public static Decision New(long platformId, string puid, DateTimeOffset issuedAt, string status = DecisionStatuses.Issued) => new()
    {
        Uuid = Guid.NewGuid(),
        PlatformId = platformId,
        Puid = puid,
        Origin = DecisionOrigins.Candor,
        Method = DecisionMethods.Api,
        EvidenceJson = "[]",
        Status = status,
        CreatedAt = issuedAt,
        IssuedAt = status == DecisionStatuses.Draft ? null : issuedAt,
        EffectiveAt = issuedAt,
        DecisionVisibility = "[\"DECISION_VISIBILITY_CONTENT_REMOVED\"]",
        DecisionGround = "DECISION_GROUND_INCOMPATIBLE_CONTENT",
        IncompatibleContentGround = "Advertising policy 4.1",
        IncompatibleContentExplanation = "The ad promises guaranteed returns.",
        ContentType = "[\"CONTENT_TYPE_IMAGE\",\"CONTENT_TYPE_TEXT\"]",
        Category = "STATEMENT_CATEGORY_SCAMS_AND_FRAUD",
        CategoryAddition = "[]",
        CategorySpecification = "[]",
        TerritorialScope = "[\"AT\",\"DE\"]",
        ContentDate = new DateOnly(2026, 10, 30),
        ApplicationDate = new DateOnly(2026, 11, 1),
        DecisionFacts = "The ad claimed a 40% monthly return.",
        SourceType = "SOURCE_VOLUNTARY",
        AutomatedDetection = true,
        AutomatedDecision = "AUTOMATED_DECISION_PARTIALLY",
    };

    public static Task<Decision> AddAsync(AppFixture app, Decision decision) => app.WithDbAsync(async db =>
    {
        db.Decisions.Add(decision);
        await db.SaveChangesAsync();
        return decision;
    });

    public static Task AddManyAsync(AppFixture app, IEnumerable<Decision> decisions) => app.WithDbAsync(async db =>
    {
        db.Decisions.AddRange(decisions);
        return await db.SaveChangesAsync();
    });

    public static Task AddEventAsync(AppFixture app, long decisionId, string kind, DateTimeOffset at, object? payload) => app.WithDbAsync(async db =>
    {
        DecisionEventLog.Append(db, decisionId, kind, at, "user:1", payload);
        return await db.SaveChangesAsync();
    });
}
