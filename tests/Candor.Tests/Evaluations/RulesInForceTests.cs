using Candor.Features.Ads;
using Candor.Features.Evaluations;
using Candor.Features.Policies;
using Candor.Features.Rules;
using Candor.Tests.Infrastructure;
using Candor.Tests.Policies;

namespace Candor.Tests.Evaluations;

public abstract class RulesInForceTests(AppFixture app)
{
    private static string NewId() => "E" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();

    private Task<PolicyImportResult> ImportAsync(long platformId, string text)
    {
        var (catalogue, errors) = CatalogueReader.Read([new CatalogueReader.SourceFile("p.yaml", text)], []);
        Assert.Empty(errors);
        return app.WithDbAsync(db => ImportPolicies.RunAsync(db, app.Clock, catalogue!, platformId, "test", default));
    }

    [Fact]
    public async Task A_version_is_in_force_only_from_its_effective_date_and_the_fingerprint_says_when_it_changes()
    {
        var platform = await app.CreatePlatformAsync();
        var id = NewId();
        var now = app.Clock.GetUtcNow();
        var future = now.AddDays(10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await ImportAsync(platform.Id, CatalogueReaderTests.Policy(id, "1", id + ".1"));
        await ImportAsync(platform.Id, CatalogueReaderTests.Policy(id, "2", id + ".1", when: "{ text_contains: { terms: [lottery] } }")
            .Replace("effective_from: 2026-01-01", "effective_from: " + future, StringComparison.Ordinal));

        var today = await app.WithDbAsync(db => RulesInForce.LoadAsync(db, platform.Id, now, default));
        var later = await app.WithDbAsync(db => RulesInForce.LoadAsync(db, platform.Id, now.AddDays(11), default));
        var other = await app.CreatePlatformAsync();
        var otherRules = await app.WithDbAsync(db => RulesInForce.LoadAsync(db, other.Id, now, default));

        Assert.Contains((id, "1"), today!.Versions);
        Assert.Contains((id, "2"), later!.Versions);
        Assert.NotEqual(today.Fingerprint, later.Fingerprint);
        Assert.Equal(today.Fingerprint, await app.WithDbAsync(db => RulesInForce.FingerprintAsync(db, platform.Id, now, default)));
        Assert.DoesNotContain(otherRules?.Versions ?? [], v => v.Id == id); // another platform's catalogue never applies

        var ad = new AdInput("a1", null, Title: "Win the lottery at our casino");
        Assert.Equal(id + ".1-R1", Assert.Single(today.Rules.Evaluate(new RuleInput(ad, null)), h => h.PolicyId == id).RuleId);
        var hits = later.Rules.Evaluate(new RuleInput(ad, null)).Where(h => h.PolicyId == id).ToList();
        var stored = EvaluationHits.Read(EvaluationHits.ToJson(hits));
        Assert.Equal("2", Assert.Single(stored).PolicyVersion);
        Assert.Contains(stored[0].Evidence, e => e.Contains("lottery", StringComparison.Ordinal));
        Assert.True(stored[0].Tree.Result);
    }

    [Fact]
    public async Task An_import_without_lists_does_not_take_away_the_lists_of_policies_already_in_force()
    {
        var platform = await app.CreatePlatformAsync();
        var withList = NewId();
        var alone = NewId();
        var (first, errors) = CatalogueReader.Read(
            [new CatalogueReader.SourceFile("a.yaml", CatalogueReaderTests.Policy(withList, "1", withList + ".1", when: "{ text_contains: { list: bets } }"))],
            [new CatalogueReader.SourceFile("lists/bets.yaml", "id: bets\nkind: terms\nitems: [free spins]\n")]);
        Assert.Empty(errors);
        Assert.True((await app.WithDbAsync(db => ImportPolicies.RunAsync(db, app.Clock, first!, platform.Id, "test", default))).Accepted);
        await ImportAsync(platform.Id, CatalogueReaderTests.Policy(alone, "1", alone + ".1"));

        var rules = await app.WithDbAsync(db => RulesInForce.LoadAsync(db, platform.Id, app.Clock.GetUtcNow(), default));

        var hits = rules!.Rules.Evaluate(new RuleInput(new AdInput("a1", null, Title: "Free spins tonight"), null));
        Assert.Contains(hits, h => h.PolicyId == withList);
    }
}

public sealed class RulesInForceTests_Sqlite(SqliteApp app) : RulesInForceTests(app), IClassFixture<SqliteApp>;

public sealed class RulesInForceTests_Postgres(PostgresApp app) : RulesInForceTests(app), IClassFixture<PostgresApp>;
