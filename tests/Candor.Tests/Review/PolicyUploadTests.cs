using System.Globalization;
using System.Net;
using System.Text;
using Candor.Features.Identity;
using Candor.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Candor.Tests.Review;

/// <summary>The console's policy upload, posted as a browser posts a multipart form, on a real host and database.</summary>
public abstract class PolicyUploadTests(AppFixture app)
{
    private const string Path = "/console/policies/import";

    private static string NewId() => "UP" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    private static string ListPolicy(string id, string version = "1") => ReviewSeed.Policy(id, version: version)
        .Replace("terms: [casino]", "list: " + id.ToLowerInvariant() + "-terms", StringComparison.Ordinal);

    private static string List(string id, params string[] items) =>
        $"id: {id.ToLowerInvariant()}-terms\nkind: terms\nitems: [{string.Join(", ", items)}]\n";

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient browser, string? catalogue, (string Name, string Text)[] policies,
        params (string Name, string Text)[] lists)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(await ConsoleForms.AntiforgeryTokenAsync(browser, Path)), "__RequestVerificationToken" },
        };
        if (catalogue is not null) form.Add(new StringContent(catalogue), "Catalogue");
        foreach (var (name, text) in policies) form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(text)), "policies", name);
        foreach (var (name, text) in lists) form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(text)), "lists", name);
        return await browser.PostAsync(Path, form);
    }

    private Task<List<string>> VersionsAsync(string policyId) =>
        app.WithDbAsync(db => db.PolicyVersions.AsNoTracking().Where(v => v.PolicyId == policyId).OrderBy(v => v.VersionKey).Select(v => v.Version).ToListAsync());

    [Fact]
    public async Task Every_problem_is_listed_as_file_line_reason_and_nothing_is_published()
    {
        var platform = await app.CreatePlatformAsync();
        var editor = await app.SignedInAsync(Roles.PolicyEditor, platform.Id);
        var good = NewId();
        var bad = NewId();
        var imports = await app.WithDbAsync(db => db.PolicyImports.CountAsync(i => i.PlatformId == platform.Id));

        var response = await UploadAsync(editor.Browser, null,
            [("good.yaml", ReviewSeed.Policy(good)), ("bad.yaml", ReviewSeed.Policy(bad).Replace("text_contains", "regex_magic", StringComparison.Ordinal)),
             ("notes.txt", "hello")]);
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Nothing was published", page, StringComparison.Ordinal);
        Assert.Contains("<code>notes.txt: not a YAML file", page, StringComparison.Ordinal);
        var withoutTxt = await (await UploadAsync(editor.Browser, null,
            [("good.yaml", ReviewSeed.Policy(good)), ("bad.yaml", ReviewSeed.Policy(bad).Replace("text_contains", "regex_magic", StringComparison.Ordinal))]))
            .Content.ReadAsStringAsync();
        Assert.Matches("<code>bad\\.yaml:\\d+: [^<]*regex_magic", withoutTxt);
        Assert.Empty(await VersionsAsync(good));
        Assert.Empty(await VersionsAsync(bad));
        Assert.Equal(imports, await app.WithDbAsync(db => db.PolicyImports.CountAsync(i => i.PlatformId == platform.Id)));
    }

    [Fact]
    public async Task An_upload_publishes_new_versions_and_a_later_upload_of_one_policy_keeps_the_lists()
    {
        var platform = await app.CreatePlatformAsync();
        var admin = await app.SignedInAsync(Roles.Admin, platform.Id);
        var id = NewId();

        var first = await (await UploadAsync(admin.Browser, platform.Id.ToString(CultureInfo.InvariantCulture), [("gambling.yaml", ListPolicy(id))],
            ("terms.yaml", List(id, "casino", "poker")))).Content.ReadAsStringAsync();
        Assert.Contains($"{id} version 1</a>: published", first, StringComparison.Ordinal);
        var second = await (await UploadAsync(admin.Browser, null, [("gambling.yaml", ListPolicy(id, "2").Replace("Gambling ads", "Gambling advertising", StringComparison.Ordinal))]))
            .Content.ReadAsStringAsync();
        Assert.Contains($"{id} version 2</a>: published", second, StringComparison.Ordinal);
        var unchanged = await (await UploadAsync(admin.Browser, null, [("gambling.yaml", ListPolicy(id, "2").Replace("Gambling ads", "Gambling advertising", StringComparison.Ordinal))]))
            .Content.ReadAsStringAsync();
        Assert.Contains("Nothing changed", unchanged, StringComparison.Ordinal);

        Assert.Equal(["1", "2"], await VersionsAsync(id));
        var rules = await app.WithDbAsync(db => Candor.Features.Evaluations.RulesInForce.LoadAsync(db, platform.Id, app.Clock.GetUtcNow(), default));
        Assert.Contains((id, "2"), rules!.Versions);
        Assert.Equal(["casino", "poker"], rules.Rules.Catalogue.Lists[id.ToLowerInvariant() + "-terms"].Items);
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.PlatformId == platform.Id && e.Action == "policies.import" && e.Actor == $"user:{admin.Id}")));
    }

    [Fact]
    public async Task Only_policy_editors_and_admins_upload_to_their_own_platform_and_a_super_admin_to_the_installation()
    {
        var a = await app.CreatePlatformAsync();
        var b = await app.CreatePlatformAsync();
        var editor = await app.SignedInAsync(Roles.PolicyEditor, a.Id);
        var reviewer = await app.SignedInAsync(Roles.Reviewer, a.Id);
        var superAdmin = await app.SignedInAsync(Roles.SuperAdmin, null);
        var id = NewId();

        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.Browser.GetAsync(Path)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.Browser.GetAsync($"{Path}?catalogue={b.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.Browser.GetAsync($"{Path}?catalogue=installation")).StatusCode);
        var token = await ConsoleForms.AntiforgeryTokenAsync(editor.Browser, Path);
        var toB = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(b.Id.ToString(CultureInfo.InvariantCulture)), "Catalogue" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(ReviewSeed.Policy(id))), "policies", "p.yaml" },
        };
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.Browser.PostAsync(Path, toB)).StatusCode);
        Assert.Empty(await VersionsAsync(id));

        var installation = await (await UploadAsync(superAdmin.Browser, "installation", [("p.yaml", ReviewSeed.Policy(id))])).Content.ReadAsStringAsync();
        Assert.Contains($"{id} version 1</a>: published", installation, StringComparison.Ordinal);
        Assert.Null(await app.WithDbAsync(db => db.PolicyVersions.Where(v => v.PolicyId == id).Select(v => v.PlatformId).SingleAsync()));
    }
}

public sealed class PolicyUploadTests_Sqlite(SqliteApp app) : PolicyUploadTests(app), IClassFixture<SqliteApp>;

public sealed class PolicyUploadTests_Postgres(PostgresApp app) : PolicyUploadTests(app), IClassFixture<PostgresApp>;
