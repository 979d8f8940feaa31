using Candor.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Candor.Browser.Tests;

/// <summary>
/// Candor as `candor serve --demo` runs it — in process, on a free loopback port, with the demo data in a fresh
/// SQLite file — and Debian's Chromium driven by Playwright. Playwright never downloads a browser here.
/// </summary>
public class CandorServer : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "candor-browser-tests", Guid.NewGuid().ToString("N")[..12]);
    private WebApplication? _app;
    private IPlaywright? _playwright;

    public Uri BaseAddress { get; private set; } = null!;
    public IServiceProvider Services => _app!.Services;
    public IBrowser Browser { get; private set; } = null!;
    public Candor.Tests.Infrastructure.TestMailServer Mail { get; private set; } = null!;

    /// <summary>Configuration on top of the usual sources, for a server with special settings.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>>? Settings => null;

    public virtual async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        var options = new ServeOptions(DatabaseSetting.Parse(Path.Combine(_folder, "demo.db")), "http://127.0.0.1:0", Demo: true);
        Mail = await Candor.Tests.Infrastructure.TestMailServer.StartAsync();
        _app = CandorApp.Build(options, services => services.Configure<Candor.Features.Mail.SmtpOptions>(o =>
        {
            o.Host = "127.0.0.1";
            o.Port = Mail.Port;
            o.UseTls = false;
        }), Settings);
        await CandorApp.PrepareAsync(_app, options, CancellationToken.None);
        await _app.StartAsync();
        BaseAddress = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
            ],
        });
    }

    public async Task<IPage> NewPageAsync(bool javaScript = true)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            JavaScriptEnabled = javaScript,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        // The machines that run these tests are shared and often busy; give each step more than the default 30 s.
        context.SetDefaultTimeout(60_000);
        return await context.NewPageAsync();
    }

    /// <summary>artifacts/screenshots/NAME under the repository root (ignored by git), created when missing.</summary>
    public static string ScreenshotPath(string name)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Candor.slnx"))) root = root.Parent;
        var folder = Path.Combine(root?.FullName ?? AppContext.BaseDirectory, "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }

    public virtual async Task DisposeAsync()
    {
        if (_playwright is not null)
        {
            await Browser.CloseAsync();
            _playwright.Dispose();
        }
        if (_app is not null) await _app.DisposeAsync();
        if (Mail is not null) await Mail.DisposeAsync();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
