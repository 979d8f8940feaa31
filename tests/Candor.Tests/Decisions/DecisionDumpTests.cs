using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using Candor.Features.Decisions;
using Candor.Features.Decisions.Dumps;
using Candor.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Candor.Tests.Decisions;

/// <summary>Daily dumps built from a real database: names, nesting, columns, dialect, checksum, download.</summary>
public abstract class DecisionDumpTests(AppFixture app)
{
    private static readonly DateOnly Day = new(2026, 10, 20);
    private static readonly DateTimeOffset Noon = new(2026, 10, 20, 12, 0, 0, TimeSpan.Zero);

    private static List<string> ReadCsvs(string zipPath, out List<string> innerNames)
    {
        using var outer = ZipFile.OpenRead(zipPath);
        innerNames = [];
        var csvs = new List<string>();
        foreach (var part in outer.Entries.OrderBy(e => e.FullName, StringComparer.Ordinal))
        {
            innerNames.Add(part.FullName);
            Assert.Equal(part.Length, part.CompressedLength); // stored, as the TDB's outer zip
            using var partStream = new MemoryStream();
            using (var s = part.Open()) s.CopyTo(partStream);
            using var inner = new ZipArchive(partStream);
            foreach (var csv in inner.Entries.OrderBy(e => e.FullName, StringComparer.Ordinal))
            {
                innerNames.Add(csv.FullName);
                using var reader = new StreamReader(csv.Open());
                csvs.Add(reader.ReadToEnd());
            }
        }
        return csvs;
    }

    [Fact]
    public async Task A_day_is_dumped_full_and_light_with_the_tdb_columns_names_and_a_checksum_and_without_drafts()
    {
        var platform = await app.CreatePlatformAsync("Dump Platform, Inc.");
        var multiline = DecisionSeed.New(platform.Id, "dump-1", Noon);
        multiline.DecisionFacts = "First line.\nSecond line with \"quotes\".";
        var draft = DecisionSeed.New(platform.Id, "dump-draft", Noon, DecisionStatuses.Draft);
        var nextDay = DecisionSeed.New(platform.Id, "dump-next-day", Noon.AddDays(1));
        await DecisionSeed.AddManyAsync(app, [multiline, DecisionSeed.New(platform.Id, "dump-2", Noon.AddHours(1)), draft, nextDay]);
        var folder = TestFiles.NewPath("dumps");

        var files = await app.WithDbAsync(db => DayDump.BuildAsync(db, Day, folder, default));

        var full = Path.Combine(folder, $"sor-{platform.Slug}-2026-10-20-full.zip");
        var light = Path.Combine(folder, $"sor-{platform.Slug}-2026-10-20-light.zip");
        Assert.Contains(full, files);
        Assert.Contains(light, files);
        Assert.Contains(Path.Combine(folder, "sor-global-2026-10-20-full.zip"), files);

        var fullCsv = Assert.Single(ReadCsvs(full, out var names));
        Assert.Equal([$"sor-{platform.Slug}-2026-10-20-full-00000.csv.zip", $"sor-{platform.Slug}-2026-10-20-full-00000-00000.csv"], names);
        Assert.False(fullCsv.EndsWith('\n'));
        var lines = fullCsv.Split('\n');
        Assert.Equal(3, lines.Length); // header + the two issued that day; no draft, nothing from the next day
        Assert.Equal(string.Join(",", TdbCsv.FullColumns), lines[0]);
        Assert.StartsWith($"{multiline.Uuid},\"[\"\"DECISION_VISIBILITY_CONTENT_REMOVED\"\"]\",,,", lines[1], StringComparison.Ordinal);
        Assert.Contains("\"First line. Second line with \"\"quotes\"\".\"", lines[1], StringComparison.Ordinal);
        // fputcsv encloses anything with a space, timestamps included.
        Assert.EndsWith(",Yes,AUTOMATED_DECISION_PARTIALLY,\"Dump Platform, Inc.\",dump-1,\"2026-10-20 12:00:00\"", lines[1], StringComparison.Ordinal);
        Assert.Contains(",\"2026-10-30 00:00:00\",", lines[1], StringComparison.Ordinal);

        var lightCsv = Assert.Single(ReadCsvs(light, out _));
        Assert.Equal(string.Join(",", TdbCsv.LightColumns), lightCsv.Split('\n')[0]);
        Assert.DoesNotContain("First line", lightCsv, StringComparison.Ordinal);

        var checksum = await File.ReadAllTextAsync(full + ".sha256");
        var expected = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(full)));
        Assert.Equal($"{expected}  {Path.GetFileName(full)}\n", checksum);
    }

    [Fact]
    public async Task Csv_files_roll_over_at_their_row_limit_each_with_a_header()
    {
        var platform = await app.CreatePlatformAsync();
        await DecisionSeed.AddManyAsync(app, Enumerable.Range(0, 5).Select(i => DecisionSeed.New(platform.Id, $"roll-{i}", Noon.AddMinutes(i))));
        var folder = TestFiles.NewPath("dumps-roll");

        await app.WithDbAsync(db => DayDump.BuildAsync(db, Day, folder, default, rowsPerCsv: 2, rowsPerPart: 4));

        var csvs = ReadCsvs(Path.Combine(folder, $"sor-{platform.Slug}-2026-10-20-full.zip"), out var names);
        Assert.Equal(
            [$"sor-{platform.Slug}-2026-10-20-full-00000.csv.zip", $"sor-{platform.Slug}-2026-10-20-full-00000-00000.csv", $"sor-{platform.Slug}-2026-10-20-full-00000-00001.csv",
             $"sor-{platform.Slug}-2026-10-20-full-00001.csv.zip", $"sor-{platform.Slug}-2026-10-20-full-00001-00000.csv"], names);
        Assert.Equal([3, 3, 2], csvs.Select(c => c.Split('\n').Length));
        Assert.All(csvs, c => Assert.StartsWith("uuid,", c, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_dumps_page_lists_the_files_and_they_download_with_their_checksum_and_nothing_else_does()
    {
        var platform = await app.CreatePlatformAsync();
        await DecisionSeed.AddAsync(app, DecisionSeed.New(platform.Id, "dl-1", Noon.AddDays(-5)));
        var folder = app.Services.GetRequiredService<DumpFolder>().Path;
        await app.WithDbAsync(db => DayDump.BuildAsync(db, Day.AddDays(-5), folder, default));
        var name = $"sor-{platform.Slug}-2026-10-15-full.zip";

        var page = await app.Anonymous().GetStringAsync("/decisions/dumps");
        var zip = await app.Anonymous().GetAsync($"/decisions/dumps/{name}");
        var sha = await app.Anonymous().GetStringAsync($"/decisions/dumps/{name}.sha256");
        var escape = await app.Anonymous().GetAsync("/decisions/dumps/..%2F..%2Fapp.db");
        var other = await app.Anonymous().GetAsync("/decisions/dumps/sor-nope-2026-10-15-full.zip");

        Assert.Contains($"href=\"/decisions/dumps/{name}\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, zip.StatusCode);
        Assert.Equal("application/zip", zip.Content.Headers.ContentType!.MediaType);
        var bytes = await zip.Content.ReadAsByteArrayAsync();
        Assert.StartsWith(Convert.ToHexStringLower(SHA256.HashData(bytes)), sha, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, escape.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }
}

public sealed class DecisionDumpTests_Sqlite(SqliteApp app) : DecisionDumpTests(app), IClassFixture<SqliteApp>;

public sealed class DecisionDumpTests_Postgres(PostgresApp app) : DecisionDumpTests(app), IClassFixture<PostgresApp>;
