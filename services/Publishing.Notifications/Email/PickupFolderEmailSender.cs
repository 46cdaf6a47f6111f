using MimeKit;

namespace Publishing.Notifications.Email;

/// <summary>
/// Writes each message as one .eml file into a folder (development, tests, or a mail relay that
/// collects a pickup directory). The file is named after the message id, so a retry overwrites it.
/// </summary>
public sealed class PickupFolderEmailSender(string directory) : IEmailSender
{
    public string Directory { get; } = directory;

    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var name = string.Concat((message.MessageId ?? Guid.NewGuid().ToString("N")).Split(Path.GetInvalidFileNameChars()));
        var path = Path.Combine(Directory, name + ".eml");
        var temp = Path.Combine(Directory, "." + name + ".tmp");
        // Written aside and moved in, so a reader never sees half a message.
        await message.WriteToAsync(temp, ct);
        File.Move(temp, path, overwrite: true);
    }
}
