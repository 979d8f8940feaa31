using System.Net;
using Candor.Features.Identity;

namespace Candor.Tests.Infrastructure;

public sealed record SignedInPerson(long Id, string Email, HttpClient Browser);

/// <summary>People with a role, signed in to the console in a cookie-keeping client.</summary>
public static class ConsolePeople
{
    public const string Password = "console test password";

    public static async Task<SignedInPerson> SignedInAsync(this AppFixture app, string role, long? platformId, long? advertiserId = null)
    {
        var email = $"p{Guid.NewGuid().ToString("N")[..12]}@example.org";
        var created = await app.WithDbAsync(db => CreateUser.RunAsync(db, app.Clock, "test", email, role, platformId, advertiserId, Password, default));
        var browser = ConsoleForms.Browser(app.BaseAddress);
        var signIn = await ConsoleForms.SignInAsync(browser, email, Password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return new SignedInPerson(created.Id, email, browser);
    }
}
