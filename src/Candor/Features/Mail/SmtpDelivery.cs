using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Candor.Features.Mail;

/// <summary>Hands one message to the configured SMTP server with MailKit.</summary>
public static class SmtpDelivery
{
    public static async Task SendAsync(SmtpOptions options, OutboxMessage message, CancellationToken ct)
    {
        var mime = new MimeMessage();
        mime.From.Add(MailboxAddress.Parse(options.From));
        mime.To.Add(MailboxAddress.Parse(message.To));
        mime.Subject = message.Subject;
        // The outbox id makes the Message-Id stable, so a receiving server can drop the copy a crash may resend.
        mime.MessageId = $"candor-outbox-{message.Id}-{message.CreatedAt.ToUnixTimeSeconds()}@{MailboxAddress.Parse(options.From).Domain}";
        mime.Body = new TextPart("plain") { Text = message.Body };

        using var client = new SmtpClient { Timeout = 30_000 };
        var security = !options.UseTls ? SecureSocketOptions.None
            : options.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;
        await client.ConnectAsync(options.Host!, options.Port, security, ct);
        if (!string.IsNullOrEmpty(options.UserName)) await client.AuthenticateAsync(options.UserName, options.Password ?? "", ct);
        await client.SendAsync(mime, ct);
        await client.DisconnectAsync(quit: true, ct);
    }
}
