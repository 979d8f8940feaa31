using Candor.Cli;

return await CandorCli.RunAsync(args);
