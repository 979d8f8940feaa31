using System.CommandLine;
using Candor.Data;
using Candor.Features.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Candor.Cli;

/// <summary>A failure the user can act on: printed without a stack trace, with the exit code it names.</summary>
public sealed class CliException(string message, int exitCode = CliHost.Failure) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}

/// <summary>What every CLI verb shares: the <c>--db</c> option, the services, exit codes and error printing.</summary>
public static class CliHost
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int BadUsage = 2;

    public static readonly Option<string?> DbOption = new("--db")
    {
        Description = "SQLite file path or PostgreSQL connection string (default: $CANDOR_DB, else ./candor.db)",
        Recursive = true,
    };

    public static DatabaseSetting Database(ParseResult parse) =>
        DatabaseSetting.Parse(parse.GetValue(DbOption) ?? Environment.GetEnvironmentVariable("CANDOR_DB"));

    /// <summary>Services for a CLI verb: the same storage registration and clock the web host uses, schema brought up to date.</summary>
    public static async Task<ServiceProvider> OpenAsync(ParseResult parse, CancellationToken ct)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddCandorStorage(Database(parse));
        services.AddCandorJobs(configuration: null);
        var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        await Schema.MigrateAsync(scope.ServiceProvider.GetRequiredService<CandorDb>(), ct);
        return provider;
    }

    /// <summary>Wraps a verb so that expected failures print one clear line and set the exit code.</summary>
    public static void SetHandler(this Command command, Func<ParseResult, CancellationToken, Task<int>> action) =>
        command.SetAction(async (parse, ct) =>
        {
            try
            {
                return await action(parse, ct);
            }
            catch (CliException ex)
            {
                await Console.Error.WriteLineAsync($"candor: {ex.Message}");
                return ex.ExitCode;
            }
            catch (Exception ex) when (ex is DbUpdateException or System.Data.Common.DbException or IOException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync($"candor: {ex.GetBaseException().Message}");
                return Failure;
            }
        });
}
