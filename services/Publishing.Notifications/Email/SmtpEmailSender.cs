using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Publishing.Notifications.Email;

/// <summary>Sends through an SMTP server with MailKit (<c>Notifications:Email:Smtp:*</c>).</summary>
public sealed class SmtpEmailSender(IOptions<EmailOptions> options) : IEmailSender
{
    private readonly SmtpOptions _smtp = options.Value.Smtp;

    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        using var client = new SmtpClient { Timeout = 30_000 };
        var security = Enum.TryParse<SecureSocketOptions>(_smtp.Security, ignoreCase: true, out var s) ? s : SecureSocketOptions.Auto;
        var host = _smtp.Host ?? throw new InvalidOperationException("Notifications:Email:Smtp:Host is not set.");
        await client.ConnectAsync(host, _smtp.Port, security, ct);
        if (!string.IsNullOrEmpty(_smtp.User))
            await client.AuthenticateAsync(_smtp.User, _smtp.Password ?? "", ct);
        await client.SendAsync(message, ct);
        await client.DisconnectAsync(quit: true, ct);
    }
}
