using MimeKit;

namespace Publishing.Notifications.Email;

/// <summary>Hands one message to the mail system; throws when it was not accepted.</summary>
public interface IEmailSender
{
    Task SendAsync(MimeMessage message, CancellationToken ct);
}
