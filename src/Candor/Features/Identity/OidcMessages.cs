namespace Candor.Features.Identity;

/// <summary>
/// What the sign-in page says after a refused IdP sign-in. The person has just proven who they are to the provider, so
/// saying why their own sign-in was refused reveals nothing they could not know; unverified emails get no hint at all.
/// </summary>
public static class OidcMessages
{
    public static string? For(string? failureCode, string displayName) => failureCode switch
    {
        null or "" => null,
        "oidc-no-email" => $"{displayName} did not tell Candor your email address, so no account can be matched. Ask your administrator.",
        "oidc-email-not-verified" => $"{displayName} has not verified your email address, so Candor cannot match it to an account.",
        "oidc-unknown-account" => $"No Candor account uses the email address {displayName} gave. Ask an administrator of your platform to invite you.",
        "oidc-linked-to-another" => $"This Candor account is linked to another {displayName} identity. Ask an administrator to reset your sign-in.",
        "oidc-disabled" => "This Candor account is disabled.",
        _ => $"The sign-in with {displayName} did not complete or could not be verified. Start again.",
    };
}
