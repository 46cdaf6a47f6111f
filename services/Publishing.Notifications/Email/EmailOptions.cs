namespace Publishing.Notifications.Email;

/// <summary>Bound to <c>Notifications:Email</c>.</summary>
public sealed class EmailOptions
{
    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>Where the pickup sender writes .eml files when no SMTP host is set; default <c>{DataDirectory}/mail-pickup</c>.</summary>
    public string? PickupDirectory { get; set; }

    /// <summary>How often due retries are looked for when nothing wakes the worker sooner.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);
}

public sealed class SmtpOptions
{
    /// <summary>The SMTP server; unset means the pickup folder is used instead.</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 587;
    public string? User { get; set; }
    public string? Password { get; set; }

    /// <summary>The sender, e.g. <c>Publishing &lt;publishing@example.org&gt;</c>.</summary>
    public string From { get; set; } = "Publishing <publishing@localhost>";

    /// <summary>MailKit's <c>SecureSocketOptions</c>: Auto (default), None, SslOnConnect, StartTls, StartTlsWhenAvailable.</summary>
    public string Security { get; set; } = "Auto";
}
