using System.CommandLine;

namespace Candor.Cli;

/// <summary><c>candor migrate</c>: create or upgrade the schema (serve does it on start too).</summary>
public static class MigrateCommand
{
    public static Command Command()
    {
        var command = new Command("migrate", "Create or upgrade the database schema");
        command.SetHandler(async (parse, ct) =>
        {
            await using var services = await CliHost.OpenAsync(parse, ct);
            Console.WriteLine($"Schema is up to date ({CliHost.Database(parse).Display}).");
            return CliHost.Ok;
        });
        return command;
    }
}
