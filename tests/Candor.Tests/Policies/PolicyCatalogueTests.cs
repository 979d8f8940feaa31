using System.Net;
using System.Text.Json;
using Candor.Features.Policies;
using Candor.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Candor.Tests.Policies;

public abstract class PolicyCatalogueTests(AppFixture app)
{
    private static string NewId() => "T" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();

    private Task<PolicyImportResult> ImportAsync(params (string Name, string Text)[] files)
    {
        var (catalogue, errors) = CatalogueReader.Read(files.Select(f => new CatalogueReader.SourceFile(f.Name, f.Text)).ToList(), []);
        Assert.Empty(errors);
        return app.WithDbAsync(db => ImportPolicies.RunAsync(db, app.Clock, catalogue!, null, "test", default));
    }

    [Fact]
    public async Task A_changed_policy_becomes_a_new_version_and_old_versions_stay_readable()
    {
        var id = NewId();
        var first = await ImportAsync(("p.yaml", CatalogueReaderTests.Policy(id, "1", id + ".1")));
        var unchanged = await ImportAsync(("p.yaml", CatalogueReaderTests.Policy(id, "1", id + ".1")));
        var second = await ImportAsync(("p.yaml", CatalogueReaderTests.Policy(id, "1.1", id + ".1", extra: " Not even online.")));

        Assert.True(first.Policies.Single().New);
        Assert.False(unchanged.Policies.Single().New);
        Assert.Null(unchanged.ImportId);
        Assert.True(second.Policies.Single().New);
        var client = app.Anonymous();
        var versions = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/public/policies/{id}/versions")).RootElement;
        Assert.Equal(["1.1", "1"], versions.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("version").GetString()));
        var list = JsonDocument.Parse(await client.GetStringAsync("/api/v1/public/policies")).RootElement.GetProperty("policies");
        var mine = list.EnumerateArray().Single(p => p.GetProperty("id").GetString() == id);
        Assert.Equal("1.1", mine.GetProperty("version").GetString());
        Assert.Equal(id + ".1", mine.GetProperty("clauses")[0].GetProperty("id").GetString());
        Assert.False(mine.GetProperty("clauses")[0].GetProperty("rules")[0].TryGetProperty("when", out _));

        var old = await client.GetStringAsync($"/policies/{id}/v/1");
        Assert.Contains("<strong>casinos</strong>", old, StringComparison.Ordinal);
        Assert.DoesNotContain("Not even online", old, StringComparison.Ordinal);
        var diff = WebUtility.HtmlDecode(await client.GetStringAsync($"/policies/{id}/diff?from=1&to=1.1"));
        Assert.Contains("class=\"diff-added\">+ No **casinos**. Not even online.", diff, StringComparison.Ordinal);
        Assert.Contains("class=\"diff-removed\">− No **casinos**.", diff, StringComparison.Ordinal);
        Assert.Contains(id, await client.GetStringAsync("/policies"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_version_going_backwards_or_a_changed_policy_with_the_same_version_is_refused_whole()
    {
        var id = NewId();
        var other = NewId();
        await ImportAsync(("p.yaml", CatalogueReaderTests.Policy(id, "2", id + ".1")));

        var backwards = await ImportAsync(("p.yaml", CatalogueReaderTests.Policy(id, "1.9", id + ".1", extra: " x")),
            ("q.yaml", CatalogueReaderTests.Policy(other, "1", other + ".1")));
        var sameVersion = await ImportAsync(("p.yaml", CatalogueReaderTests.Policy(id, "2", id + ".1", extra: " x")));

        Assert.Contains(backwards.Errors, e => e.File == "p.yaml" && e.Line == 3 && e.Reason.Contains("goes backwards", StringComparison.Ordinal));
        Assert.Contains(sameVersion.Errors, e => e.Reason.Contains("version 2 is already published", StringComparison.Ordinal));
        // All or nothing: the valid policy in the refused import was not published either.
        Assert.Equal(0, await app.WithDbAsync(db => db.PolicyVersions.CountAsync(v => v.PolicyId == other)));
        Assert.Equal(1, await app.WithDbAsync(db => db.PolicyVersions.CountAsync(v => v.PolicyId == id)));
    }

    [Fact]
    public async Task A_clause_id_owned_by_another_published_policy_is_refused()
    {
        var clause = NewId();
        await ImportAsync(("a.yaml", CatalogueReaderTests.Policy(NewId(), "1", clause)));

        var result = await ImportAsync(("b.yaml", CatalogueReaderTests.Policy(NewId(), "1", clause)));

        Assert.Contains(result.Errors, e => e.Reason.Contains($"clause id '{clause}' belongs to published policy", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Policy_text_is_rendered_without_raw_html_or_script_links()
    {
        var id = NewId();
        await ImportAsync(("p.yaml", CatalogueReaderTests.Policy(id, "1", id + ".1", extra: " <script>alert(1)</script> [x](javascript:alert(2))")));

        var page = await app.Anonymous().GetStringAsync($"/policies/{id}");

        Assert.DoesNotContain("<script>alert", page, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:alert", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync("/policies/NOPE-404")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync("/api/v1/public/policies/NOPE-404/versions")).StatusCode);
    }

    [Fact]
    public async Task The_sample_catalogue_imports_through_the_cli_and_again_without_change()
    {
        var db = app.Engine == Candor.Data.DatabaseEngine.Sqlite ? TestFiles.NewSqlitePath("policies") : await PostgresServer.CreateDatabaseAsync("policies");

        var first = await CliRunner.RunAsync(["policies", "import", CatalogueReaderTests.SampleDirectory, "--db", db]);
        var again = await CliRunner.RunAsync(["policies", "import", CatalogueReaderTests.SampleDirectory, "--db", db]);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("ADV-4 v1.0 published", first.Stdout, StringComparison.Ordinal);
        Assert.Contains("ADV-4 v1.0 unchanged", again.Stdout, StringComparison.Ordinal);
    }
}

public sealed class PolicyCatalogueTests_Sqlite(SqliteApp app) : PolicyCatalogueTests(app), IClassFixture<SqliteApp>;

public sealed class PolicyCatalogueTests_Postgres(PostgresApp app) : PolicyCatalogueTests(app), IClassFixture<PostgresApp>;
