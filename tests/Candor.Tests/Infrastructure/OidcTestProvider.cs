using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Candor.Tests.Infrastructure;

/// <summary>Someone with an account at the test provider.</summary>
public sealed record IdpPerson(string Subject, string? Email, bool EmailVerified = true);

/// <summary>How the test provider misbehaves on one sign-in, to prove Candor refuses it.</summary>
public enum IdpFault
{
    None,
    /// <summary>The id_token carries a nonce other than the one Candor sent.</summary>
    WrongNonce,
    /// <summary>The id_token is signed with a key that is not in the provider's JWKS (under the published key id).</summary>
    ForeignSignature,
}

/// <summary>
/// A hand-written OpenID Connect provider on a free loopback port: discovery document, JWKS with an RSA key, an
/// authorize endpoint that "signs in" the person named by <c>login_as</c> and redirects back with a code, and a token
/// endpoint that checks the client secret, the redirect URI and PKCE (S256) and issues an RS256 id_token with the nonce.
/// The JWT is built by hand, not with the library Candor validates it with, so a shared bug cannot hide.
/// </summary>
public sealed class OidcTestProvider : IAsyncDisposable
{
    public const string ClientId = "candor-test";
    public const string ClientSecret = "test client secret";
    private const string KeyId = "test-key-1";
    private static readonly string[] SuperAdmin = ["super-admin"];

    private readonly RSA _signingKey = RSA.Create(2048);
    private readonly RSA _foreignKey = RSA.Create(2048);
    private readonly ConcurrentDictionary<string, IdpPerson> _people = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, PendingCode> _codes = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<string> _redirectUris = [];
    private WebApplication _app = null!;

    public Uri Authority { get; private set; } = null!;
    public string Issuer => Authority.ToString().TrimEnd('/');
    /// <summary>Codes exchanged after the client proved the PKCE verifier; a client without PKCE never gets a token.</summary>
    public int TokensIssued => _tokensIssued;
    private int _tokensIssued;

    private sealed record PendingCode(string RedirectUri, string Nonce, string CodeChallenge, IdpPerson Person, IdpFault Fault);

    /// <param name="host">The name the provider is reached by: <c>localhost</c> makes it another site than Candor on 127.0.0.1 in a browser.</param>
    public static async Task<OidcTestProvider> StartAsync(string host = "127.0.0.1")
    {
        var provider = new OidcTestProvider();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        provider._app = builder.Build();
        provider._app.MapGet("/.well-known/openid-configuration", provider.Discovery);
        provider._app.MapGet("/jwks", provider.Jwks);
        provider._app.MapGet("/authorize", provider.Authorize);
        provider._app.MapPost("/token", provider.TokenAsync);
        await provider._app.StartAsync();
        var address = provider._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        provider.Authority = new Uri($"http://{host}:{new Uri(address).Port}");
        return provider;
    }

    public void AllowRedirectUri(Uri uri) => _redirectUris.Add(uri.ToString());

    public IdpPerson AddPerson(string? email, bool emailVerified = true, string? subject = null)
    {
        var person = new IdpPerson(subject ?? "sub-" + Guid.NewGuid().ToString("N"), email, emailVerified);
        _people[person.Subject] = person;
        return person;
    }

    private IResult Discovery() => Results.Text($$"""
        {
          "issuer": "{{Issuer}}",
          "authorization_endpoint": "{{Issuer}}/authorize",
          "token_endpoint": "{{Issuer}}/token",
          "jwks_uri": "{{Issuer}}/jwks",
          "response_types_supported": ["code"],
          "response_modes_supported": ["query"],
          "subject_types_supported": ["public"],
          "id_token_signing_alg_values_supported": ["RS256"],
          "code_challenge_methods_supported": ["S256"],
          "token_endpoint_auth_methods_supported": ["client_secret_post", "client_secret_basic"],
          "scopes_supported": ["openid", "email", "profile"]
        }
        """, "application/json");

    private IResult Jwks()
    {
        var key = _signingKey.ExportParameters(includePrivateParameters: false);
        return Results.Json(new
        {
            keys = new[] { new { kty = "RSA", use = "sig", alg = "RS256", kid = KeyId, n = Base64Url(key.Modulus!), e = Base64Url(key.Exponent!) } },
        });
    }

    /// <summary>
    /// A real provider would check a password here; the test names the person with <c>login_as</c>, in the URL or in the
    /// small sign-in form shown without it (for browser tests).
    /// </summary>
    private IResult Authorize(HttpRequest request)
    {
        var q = request.Query;
        string? Problem()
        {
            if (q["client_id"] != ClientId) return "unknown client_id";
            if (!_redirectUris.Contains(q["redirect_uri"].ToString())) return "redirect_uri not registered";
            if (q["response_type"] != "code") return "response_type must be code";
            if (!q["scope"].ToString().Split(' ').Contains("openid")) return "scope must include openid";
            if (q["code_challenge_method"] != "S256" || string.IsNullOrEmpty(q["code_challenge"])) return "PKCE with S256 is required";
            if (string.IsNullOrEmpty(q["nonce"]) || string.IsNullOrEmpty(q["state"])) return "nonce and state are required";
            return null;
        }
        if (Problem() is { } problem) return Results.BadRequest(problem);
        if (string.IsNullOrEmpty(q["login_as"])) return SignInForm(q);
        if (!_people.ContainsKey(q["login_as"].ToString())) return Results.BadRequest("no such person");
        var fault = Enum.TryParse<IdpFault>(q["fault"], out var f) ? f : IdpFault.None;
        var code = Base64Url(RandomNumberGenerator.GetBytes(32));
        _codes[code] = new PendingCode(q["redirect_uri"]!, q["nonce"]!, q["code_challenge"]!, _people[q["login_as"]!], fault);
        var separator = q["redirect_uri"].ToString().Contains('?', StringComparison.Ordinal) ? '&' : '?';
        return Results.Redirect($"{q["redirect_uri"]}{separator}code={Uri.EscapeDataString(code)}&state={Uri.EscapeDataString(q["state"]!)}&iss={Uri.EscapeDataString(Issuer)}");
    }

    private static IResult SignInForm(IQueryCollection query)
    {
        var hidden = string.Concat(query.Select(p =>
            $"<input type=\"hidden\" name=\"{WebUtility.HtmlEncode(p.Key)}\" value=\"{WebUtility.HtmlEncode(p.Value.ToString())}\">"));
        return Results.Content($"""
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Test IdP</title></head><body>
            <form method="get" action="/authorize">{hidden}<label>Subject <input name="login_as"></label><button type="submit">Continue</button></form>
            </body></html>
            """, "text/html; charset=utf-8");
    }

    private async Task<IResult> TokenAsync(HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        var (clientId, secret) = ClientCredentials(request, form);
        if (clientId != ClientId || secret != ClientSecret) return Error("invalid_client", 401);
        if (form["grant_type"] != "authorization_code") return Error("unsupported_grant_type");
        if (!_codes.TryRemove(form["code"].ToString(), out var pending)) return Error("invalid_grant");
        if (form["redirect_uri"] != pending.RedirectUri) return Error("invalid_grant");
        var verifier = form["code_verifier"].ToString();
        if (verifier.Length < 43 || Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))) != pending.CodeChallenge) return Error("invalid_grant");
        Interlocked.Increment(ref _tokensIssued);
        return Results.Json(new
        {
            access_token = Base64Url(RandomNumberGenerator.GetBytes(32)),
            token_type = "Bearer",
            expires_in = 300,
            id_token = IdToken(pending),
        });
    }

    private static (string? Id, string? Secret) ClientCredentials(HttpRequest request, IFormCollection form)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Basic ", StringComparison.Ordinal))
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..])).Split(':', 2);
            return (Uri.UnescapeDataString(pair[0]), pair.Length == 2 ? Uri.UnescapeDataString(pair[1].Replace('+', ' ')) : null);
        }
        return (form["client_id"], form["client_secret"]);
    }

    private static IResult Error(string error, int status = 400) => Results.Json(new { error }, statusCode: status);

    /// <summary>An RS256 JWT (RFC 7515 compact serialisation) with the claims of OpenID Connect Core 1.0 §2.</summary>
    private string IdToken(PendingCode pending)
    {
        // The handler checks lifetimes against the real clock, not the app's fake one.
        var now = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();
        var claims = new Dictionary<string, object>
        {
            ["iss"] = Issuer,
            ["sub"] = pending.Person.Subject,
            ["aud"] = ClientId,
            ["iat"] = now,
            ["exp"] = now + 300,
            ["nonce"] = pending.Fault == IdpFault.WrongNonce ? "not-the-nonce-candor-sent" : pending.Nonce,
            ["email_verified"] = pending.Person.EmailVerified,
            // Claims a careless relying party might turn into roles; Candor must ignore them.
            ["roles"] = SuperAdmin,
            ["groups"] = SuperAdmin,
            ["candor:role"] = "super-admin",
        };
        if (pending.Person.Email is not null) claims["email"] = pending.Person.Email;
        var header = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new { alg = "RS256", typ = "JWT", kid = KeyId }));
        var payload = Base64Url(JsonSerializer.SerializeToUtf8Bytes(claims));
        var key = pending.Fault == IdpFault.ForeignSignature ? _foreignKey : _signingKey;
        var signature = key.SignData(Encoding.ASCII.GetBytes($"{header}.{payload}"), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{header}.{payload}.{Base64Url(signature)}";
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _signingKey.Dispose();
        _foreignKey.Dispose();
    }
}
