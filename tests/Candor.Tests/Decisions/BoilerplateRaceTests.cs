using System.Net;
using Candor.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Candor.Tests.Decisions;

/// <summary>
/// The boilerplate count and the insert it allows are one atomic step: many decisions issued at the same moment with
/// one bare text for unrelated advertisers — exactly the threshold number get through, never more.
/// </summary>
public abstract class BoilerplateRaceTests(AppFixture app)
{
    /// <summary>Cites evidence by marker only: no quoted value, date, url or number, so nothing makes it case-specific.</summary>
    public const string BareFacts = "Our review found that the landing page of this advertiser makes claims about the product that it could not support [E1].";

    public static Dictionary<string, object?> Bare(string advertiserId)
    {
        var body = DecisionPlatform.Body(advertiserId, adId: null, facts: BareFacts);
        body.Remove("ad_id");
        return body;
    }

    [Fact]
    public async Task Concurrent_issues_of_one_bare_text_for_unrelated_advertisers_let_exactly_the_threshold_through()
    {
        const int attempts = 12;
        const int threshold = 5; // BoilerplateOptions.Threshold, the default the fixture runs with
        var p = await DecisionPlatform.CreateAsync(app);
        for (var i = 0; i < attempts; i++) await p.AddAdvertiserAsync($"race-{i}", $"Race Advertiser {i} Ltd");

        var go = new TaskCompletionSource();
        var posts = Enumerable.Range(0, attempts).Select(i => Task.Run(async () =>
        {
            await go.Task;
            return await p.PostAsync(Bare($"race-{i}"));
        })).ToList();
        go.SetResult();
        var answers = await Task.WhenAll(posts);

        var created = answers.Count(a => a.StatusCode == HttpStatusCode.Created);
        var refused = answers.Where(a => a.StatusCode == HttpStatusCode.UnprocessableEntity).ToList();
        Assert.Equal(threshold, created);
        Assert.Equal(attempts - threshold, refused.Count);
        foreach (var answer in refused)
            Assert.Contains($"was used for {threshold} other subjects", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(threshold, await app.WithDbAsync(db => db.Decisions.CountAsync(d => d.PlatformId == p.Platform.Id)));
    }
}

public sealed class BoilerplateRaceTests_Sqlite(SqliteApp app) : BoilerplateRaceTests(app), IClassFixture<SqliteApp>;

public sealed class BoilerplateRaceTests_Postgres(PostgresApp app) : BoilerplateRaceTests(app), IClassFixture<PostgresApp>;
