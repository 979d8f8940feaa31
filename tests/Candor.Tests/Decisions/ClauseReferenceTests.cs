using System.Globalization;
using System.Net;
using Candor.Features.Policies;
using Candor.Tests.Infrastructure;
using Candor.Tests.Policies;

namespace Candor.Tests.Decisions;

/// <summary>Once a platform publishes a catalogue, a decision's clause must be one of it, in a version in force.</summary>
public abstract class ClauseReferenceTests(AppFixture app)
{
    private async Task<(DecisionPlatform Platform, string PolicyId, string ClauseId)> WithCatalogueAsync()
    {
        var p = await DecisionPlatform.CreateAsync(app);
        var policy = "CR" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var clause = policy + ".1";
        var future = app.Clock.GetUtcNow().AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        foreach (var text in new[]
                 {
                     CatalogueReaderTests.Policy(policy, "1", clause),
                     CatalogueReaderTests.Policy(policy, "2", clause, extra: " Nor lotteries.")
                         .Replace("effective_from: 2026-01-01", "effective_from: " + future, StringComparison.Ordinal),
                 })
        {
            var (catalogue, errors) = CatalogueReader.Read([new CatalogueReader.SourceFile("p.yaml", text)], []);
            Assert.Empty(errors);
            Assert.True((await app.WithDbAsync(db => ImportPolicies.RunAsync(db, app.Clock, catalogue!, p.Platform.Id, "test", default))).Accepted);
        }
        return (p, policy, clause);
    }

    private static Dictionary<string, object?> Citing(string clause, string version) =>
        DecisionPlatform.Body().With("clause", new Dictionary<string, string> { ["id"] = clause, ["version"] = version });

    [Fact]
    public async Task A_clause_missing_from_the_catalogue_or_a_version_that_does_not_exist_or_is_not_yet_in_force_is_refused()
    {
        var (p, policy, clause) = await WithCatalogueAsync();

        var unknown = await (await p.PostAsync(Citing("ads-4.2", "2026-09"))).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        var noSuchVersion = await (await p.PostAsync(Citing(clause, "7"))).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        var notYet = await (await p.PostAsync(Citing(clause, "2"))).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Contains("'ads-4.2' is not in any published policy", unknown["errors"]!["clause"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains($"Policy {policy}, which holds clause '{clause}', has no version '7'. Published versions: 1, 2.",
            noSuchVersion["errors"]!["clause"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("takes effect on", notYet["errors"]!["clause"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => Task.FromResult(db.Decisions.Count(d => d.PlatformId == p.Platform.Id))));
    }

    [Fact]
    public async Task A_resolved_clause_is_stored_with_its_policy_and_links_to_the_text_relied_on()
    {
        var (p, policy, clause) = await WithCatalogueAsync();

        var issued = await p.IssueAsync(Citing(clause.ToLowerInvariant(), "1.0"));

        var uuid = issued["uuid"]!.GetValue<string>();
        var published = await (await app.Anonymous().GetAsync($"/api/v1/public/decisions/{uuid}")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(clause, published["clause"]!["id"]!.GetValue<string>()); // the catalogue's spelling, not the caller's
        Assert.Equal("1", published["clause"]!["version"]!.GetValue<string>());
        var url = published["clause"]!["url"]!.GetValue<string>();
        Assert.Equal($"/policies/{policy}/v/1#{clause}", url);
        var page = await app.Anonymous().GetStringAsync(url.Split('#')[0]);
        Assert.Contains($"id=\"{clause}\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Nor lotteries", page, StringComparison.Ordinal);
    }
}

public sealed class ClauseReferenceTests_Sqlite(SqliteApp app) : ClauseReferenceTests(app), IClassFixture<SqliteApp>;

public sealed class ClauseReferenceTests_Postgres(PostgresApp app) : ClauseReferenceTests(app), IClassFixture<PostgresApp>;
