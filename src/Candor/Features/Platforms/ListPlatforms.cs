using System.CommandLine;
using System.Text.Json;
using Candor.Cli;
using Candor.Data;
using Candor.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Candor.Features.Platforms;

/// <summary><c>candor platform list</c>.</summary>
public static class ListPlatforms
{
    public static Command Command()
    {
        var command = new Command("list", "List platforms as JSON lines");
        command.SetHandler(async (parse, ct) =>
        {
            await using var services = await CliHost.OpenAsync(parse, ct);
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CandorDb>();
            var platforms = await db.Platforms.AsNoTracking().OrderBy(p => p.Id)
                .Select(p => new PlatformCreated(p.Id, p.Slug, p.Name)).ToListAsync(ct);
            foreach (var p in platforms) Console.WriteLine(JsonSerializer.Serialize(p, CandorJson.Output));
            return CliHost.Ok;
        });
        return command;
    }
}
