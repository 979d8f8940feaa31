using Candor.Data;
using Candor.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace Candor.Features.Identity;

/// <summary>What Candor takes from a validated id_token: who the provider says the person is. Never roles.</summary>
public sealed record OidcIdentity(string Issuer, string Subject, string? Email, bool EmailVerified);

public enum OidcOutcome
{
    /// <summary>The issuer and subject were linked to this account before.</summary>
    SignedIn,
    /// <summary>First IdP sign-in: the verified email matched an account, which is now linked to the subject.</summary>
    LinkedAndSignedIn,
    /// <summary>No issuer or subject: nothing stable to link to (a valid id_token always has both).</summary>
    NoSubject,
    NoEmail,
    EmailNotVerified,
    UnknownAccount,
    /// <summary>The email's account is linked to another subject (or another provider): a reassigned mailbox must not inherit it.</summary>
    LinkedToAnotherIdentity,
    Disabled,
}

public sealed record OidcSignInResult(OidcOutcome Outcome, User? User = null)
{
    public bool SignedIn => Outcome is OidcOutcome.SignedIn or OidcOutcome.LinkedAndSignedIn;
}

/// <summary>
/// Links an identity proven by the OpenID Connect provider to an existing Candor account. Accounts are never created
/// here: people are invited or created in Candor, which also grants their roles.
/// </summary>
public static class OidcSignIn
{
    /// <summary>
    /// The rule, over plain inputs. An unverified email is refused before the account is looked at, so an identity whose
    /// email nobody checked cannot learn whether Candor knows that address.
    /// </summary>
    public static OidcOutcome Decide(OidcIdentity identity, User? linkedBySubject, User? byEmail, bool requireVerifiedEmail)
    {
        if (string.IsNullOrEmpty(identity.Issuer) || string.IsNullOrEmpty(identity.Subject)) return OidcOutcome.NoSubject;
        if (linkedBySubject is not null) return linkedBySubject.DisabledAt is null ? OidcOutcome.SignedIn : OidcOutcome.Disabled;
        if (string.IsNullOrWhiteSpace(identity.Email)) return OidcOutcome.NoEmail;
        if (requireVerifiedEmail && !identity.EmailVerified) return OidcOutcome.EmailNotVerified;
        if (byEmail is null) return OidcOutcome.UnknownAccount;
        if (byEmail.OidcSubject is not null) return OidcOutcome.LinkedToAnotherIdentity;
        if (byEmail.DisabledAt is not null) return OidcOutcome.Disabled;
        return OidcOutcome.LinkedAndSignedIn;
    }

    public static async Task<OidcSignInResult> RunAsync(CandorDb db, TimeProvider clock, OidcIdentity identity, bool requireVerifiedEmail,
        string? remoteAddress, CancellationToken ct)
    {
        var linked = await db.Users.FirstOrDefaultAsync(u => u.OidcIssuer == identity.Issuer && u.OidcSubject == identity.Subject, ct);
        var email = identity.Email is null ? null : CreateUser.NormaliseEmail(identity.Email);
        var byEmail = linked is null && email is { Length: > 0 and <= 320 }
            ? await db.Users.FirstOrDefaultAsync(u => u.Email == email, ct)
            : null;
        var outcome = Decide(identity, linked, byEmail, requireVerifiedEmail);
        var user = linked ?? byEmail;
        var who = $"oidc {identity.Issuer} sub {identity.Subject}" + (email is null ? "" : $" email {email}");
        switch (outcome)
        {
            case OidcOutcome.SignedIn:
                AuditTrail.Record(db, clock, $"user:{user!.Id}", "sign-in", remoteAddress: remoteAddress, detail: who);
                break;
            case OidcOutcome.LinkedAndSignedIn:
                user!.OidcIssuer = identity.Issuer;
                user.OidcSubject = identity.Subject;
                AuditTrail.Record(db, clock, $"user:{user.Id}", "oidc-linked", subject: $"user:{user.Id}", remoteAddress: remoteAddress, detail: who);
                AuditTrail.Record(db, clock, $"user:{user.Id}", "sign-in", remoteAddress: remoteAddress, detail: who);
                break;
            default:
                AuditTrail.Record(db, clock, "anonymous", "sign-in-failed", subject: user is null ? null : $"user:{user.Id}",
                    remoteAddress: remoteAddress, detail: $"{FailureCode(outcome)}: {who}");
                break;
        }
        await db.SaveChangesAsync(ct);
        return new OidcSignInResult(outcome, outcome is OidcOutcome.SignedIn or OidcOutcome.LinkedAndSignedIn ? user : null);
    }

    /// <summary>The short code the sign-in page turns into a message (<see cref="OidcMessages"/>).</summary>
    public static string FailureCode(OidcOutcome outcome) => outcome switch
    {
        OidcOutcome.NoEmail => "oidc-no-email",
        OidcOutcome.EmailNotVerified => "oidc-email-not-verified",
        OidcOutcome.UnknownAccount => "oidc-unknown-account",
        OidcOutcome.LinkedToAnotherIdentity => "oidc-linked-to-another",
        OidcOutcome.Disabled => "oidc-disabled",
        _ => "oidc-failed",
    };
}
