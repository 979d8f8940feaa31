namespace Candor.Features.Mail;

/// <summary>
/// <c>Candor:Smtp</c> settings (environment: <c>Candor__Smtp__Host</c> …). Without a host, mail is queued and not
/// sent, and the console and CLI say so.
/// </summary>
public sealed class SmtpOptions
{
    public const string Section = "Candor:Smtp";

    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public string From { get; set; } = "candor@localhost";
    public string? UserName { get; set; }
    public string? Password { get; set; }
    /// <summary>STARTTLS on 587/25, implicit TLS on 465. Off only for a relay on the same host or in tests.</summary>
    public bool UseTls { get; set; } = true;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);

    public static SmtpOptions Read(IConfiguration configuration)
    {
        var options = new SmtpOptions();
        configuration.GetSection(Section).Bind(options);
        return options;
    }

    /// <summary>What the console and CLI print when mail cannot go out.</summary>
    public const string NotConfiguredNotice =
        "Email is not configured (set Candor__Smtp__Host): messages stay queued and are sent once it is.";
}
