using System.CommandLine;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Candor.Cli;

/// <summary><c>candor serve [--urls URL] [--demo]</c>: the web app and API.</summary>
public static class ServeCommand
{
    public static Command Command()
    {
        var urls = new Option<string>("--urls")
        {
            Description = "Where to listen (default: $CANDOR_URLS, else http://127.0.0.1:5080)",
        };
        var demo = new Option<bool>("--demo") { Description = "Load demo data into an empty database" };
        var jsonLogs = new Option<bool>("--json-logs") { Description = "Write logs as JSON lines (for log collectors)" };
        var command = new Command("serve", "Run the web app and API") { urls, demo, jsonLogs };
        command.SetHandler(async (parse, ct) =>
        {
            var options = new ServeOptions(
                CliHost.Database(parse),
                parse.GetValue(urls) ?? Environment.GetEnvironmentVariable("CANDOR_URLS") ?? "http://127.0.0.1:5080",
                parse.GetValue(demo),
                parse.GetValue(jsonLogs));
            var app = CandorApp.Build(options);
            await CandorApp.PrepareAsync(app, options, ct);
            app.Lifetime.ApplicationStarted.Register(() =>
            {
                var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
                foreach (var address in addresses) Console.WriteLine($"Candor is running at {address}/ads  ({options.Database.Display})");
            });
            await app.RunAsync();
            return CliHost.Ok;
        });
        return command;
    }
}
