using System.CommandLine;
using Candor.Features.Platforms;
using Candor.Features.Tokens;

namespace Candor.Cli;

/// <summary>The `candor` command tree: noun-verb, the same feature code as the web host.</summary>
public static class CandorCli
{
    public static RootCommand Build()
    {
        var root = new RootCommand("Candor: explainable, appealable ad enforcement and a public ad transparency center.")
        {
            CliHost.DbOption,
            ServeCommand.Command(),
            MigrateCommand.Command(),
            new Command("platform", "Platforms that send ads to Candor") { CreatePlatform.Command(), ListPlatforms.Command() },
            new Command("token", "API tokens of a platform") { CreateToken.Command(), ListTokens.Command(), RevokeToken.Command() },
            UserCommand(),
            Features.Import.ImportCommand.Command(),
            new Command("lists", "Restricted-party list snapshots")
            {
                Features.Screening.ImportList.Command(), Features.Screening.ListSnapshots.Command(), Features.Screening.DiffSnapshots.Command(), Features.Screening.RemoveList.Command(),
            },
            Features.Screening.ScreenCommand.Command(),
            Features.Jobs.JobsCommands.Command(),
            new Command("webhook", "Where a platform's decision notices are delivered") { Features.Notices.SetWebhook.Command() },
            Features.Decisions.Dumps.DumpsCommand.Command(),
            Features.Decisions.Export.TdbExportCommand.Command(),
            new Command("policies", "The published policy catalogue") { Features.Policies.ImportPolicies.Command() },
            RulesCommand(),
        };
        return root;
    }

    private static Command RulesCommand()
    {
        var rules = Features.Rules.RulesTestCommand.Command();
        rules.Subcommands.Add(Features.Evaluations.ShadowReport.Command());
        return rules;
    }

    private static Command UserCommand()
    {
        var user = new Command("user", "People who sign in to the console") { Features.Identity.CreateUser.Command(), Features.Identity.InviteUser.Command() };
        foreach (var command in Features.Identity.ManageUsers.Commands()) user.Subcommands.Add(command);
        return user;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var parse = Build().Parse(args);
        if (parse.Errors.Count > 0 && !args.Contains("--help") && !args.Contains("-h"))
        {
            foreach (var error in parse.Errors) await Console.Error.WriteLineAsync($"candor: {error.Message}");
            await Console.Error.WriteLineAsync("Run 'candor --help' for usage.");
            return CliHost.BadUsage;
        }
        return await parse.InvokeAsync();
    }
}
