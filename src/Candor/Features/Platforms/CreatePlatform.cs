using System.CommandLine;
using System.Text;
using System.Text.Json;
using Candor.Cli;
using Candor.Data;
using Candor.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Candor.Features.Platforms;

public sealed record PlatformCreated(long Id, string Slug, string Name);

/// <summary><c>candor platform create NAME [--slug S]</c>: registers a platform that will send ads to Candor.</summary>
public static class CreatePlatform
{
    public static async Task<PlatformCreated> RunAsync(CandorDb db, TimeProvider clock, string name, string? slug, CancellationToken ct)
    {
        name = name.Trim();
        if (name.Length is 0 or > 200) throw new CliException("NAME must be 1 to 200 characters.", CliHost.BadUsage);
        slug = string.IsNullOrWhiteSpace(slug) ? Slugify(name) : slug.Trim();
        if (!IsSlug(slug)) throw new CliException($"'{slug}' is not a valid slug: use 2-64 lowercase letters, digits and dashes.", CliHost.BadUsage);
        if (await db.Platforms.AnyAsync(p => p.Slug == slug, ct)) throw new CliException($"A platform with slug '{slug}' already exists.");
        var platform = new Platform { Name = name, Slug = slug, CreatedAt = clock.GetUtcNow() };
        db.Platforms.Add(platform);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (UniqueConflictRetry.IsUniqueViolation(ex))
        {
            throw new CliException($"A platform with slug '{slug}' already exists.");
        }
        return new PlatformCreated(platform.Id, platform.Slug, platform.Name);
    }

    public static bool IsSlug(string slug) =>
        slug.Length is >= 2 and <= 64 && slug.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-')
        && slug[0] != '-' && slug[^1] != '-';

    public static string Slugify(string name)
    {
        var builder = new StringBuilder();
        foreach (var c in SearchText.Fold(name))
        {
            if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9')) builder.Append(c);
            else if (builder.Length > 0 && builder[^1] != '-') builder.Append('-');
        }
        var slug = builder.ToString().Trim('-');
        if (slug.Length > 64) slug = slug[..64].TrimEnd('-');
        return slug.Length >= 2 ? slug : "platform-" + slug;
    }

    public static Command Command()
    {
        var nameArgument = new Argument<string>("NAME") { Description = "The platform's name, e.g. \"Example Social\"" };
        var slugOption = new Option<string?>("--slug") { Description = "Short id used in URLs and CLI calls (default: made from NAME)" };
        var command = new Command("create", "Register a platform; prints {\"id\", \"slug\", \"name\"} as JSON") { nameArgument, slugOption };
        command.SetHandler(async (parse, ct) =>
        {
            await using var services = await CliHost.OpenAsync(parse, ct);
            await using var scope = services.CreateAsyncScope();
            var created = await RunAsync(scope.ServiceProvider.GetRequiredService<CandorDb>(), scope.ServiceProvider.GetRequiredService<TimeProvider>(),
                parse.GetValue(nameArgument)!, parse.GetValue(slugOption), ct);
            Console.WriteLine(JsonSerializer.Serialize(created, CandorJson.Output));
            return CliHost.Ok;
        });
        return command;
    }
}
