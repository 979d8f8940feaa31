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

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
