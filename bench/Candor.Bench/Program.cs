using Candor.Bench;

return await BenchCli.RunAsync(args);
