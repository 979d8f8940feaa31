using Candor.Features.Identity;
using Microsoft.AspNetCore.Authorization;

namespace Candor.Features.Screening;

/// <summary>Who may use the console screening page: signed-in staff, i.e. anyone holding a role other than advertiser.</summary>
public static class ScreeningConsole
{
    public const string Policy = "console-screening";

    public static AuthorizationBuilder AddScreeningConsolePolicy(this AuthorizationBuilder builder) =>
        builder.AddPolicy(Policy, p => p
            .AddAuthenticationSchemes(ConsoleAuthentication.Scheme)
            .RequireAuthenticatedUser()
            .RequireAssertion(context => context.User.FindAll(ConsoleAuthentication.RoleClaim)
                .Any(c => !c.Value.StartsWith(Roles.Advertiser + "@", StringComparison.Ordinal))));
}
