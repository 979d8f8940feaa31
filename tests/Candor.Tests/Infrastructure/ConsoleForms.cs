using System.Text.RegularExpressions;

namespace Candor.Tests.Infrastructure;

/// <summary>What a browser does with the console's forms: read the antiforgery token, post the sign-in form.</summary>
public static partial class ConsoleForms
{
    public static async Task<string> AntiforgeryTokenAsync(HttpClient browser, string path) =>
        AntiforgeryField().Match(await browser.GetStringAsync(path)).Groups[1].Value;

    public static async Task<HttpResponseMessage> SignInAsync(HttpClient browser, string email, string password) =>
        await browser.PostAsync("/console/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = email, ["password"] = password, ["__RequestVerificationToken"] = await AntiforgeryTokenAsync(browser, "/console/sign-in"),
        }));

    /// <summary>Posts a console form as a browser would: the page's antiforgery token plus the fields.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient browser, string path, Dictionary<string, string> fields, string? handler = null)
    {
        fields["__RequestVerificationToken"] = await AntiforgeryTokenAsync(browser, path);
        return await browser.PostAsync(handler is null ? path : $"{path}?handler={handler}", new FormUrlEncodedContent(fields));
    }

    /// <summary>A browser-like client: keeps cookies, does not follow redirects (so tests can see them).</summary>
    public static HttpClient Browser(Uri baseAddress) =>
        new(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = baseAddress };

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
