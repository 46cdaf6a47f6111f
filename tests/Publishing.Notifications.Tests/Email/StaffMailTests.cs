using MimeKit;
using Microsoft.EntityFrameworkCore;
using Publishing.Notifications.Data;
using Publishing.Notifications.Tests.Api;
using Publishing.Testing;
using Xunit;

namespace Publishing.Notifications.Tests.Email;

public sealed class StaffMailTests
{
    private static readonly Dictionary<string, string?> Staff = new()
    {
        ["Notifications:Staff:0:Name"] = "Erin Editor",
        ["Notifications:Staff:0:Email"] = "erin@example.org",
        ["Notifications:Staff:0:Roles:0"] = "editor",
        ["Notifications:Staff:1:Name"] = "Ravi Reviewer",
        ["Notifications:Staff:1:Email"] = "ravi@example.org",
        ["Notifications:Staff:1:Roles:0"] = "reviewer",
        ["Notifications:Staff:2:Name"] = "Rosa Reviewer",
        ["Notifications:Staff:2:Email"] = "rosa@example.org",
        ["Notifications:Staff:2:Roles:0"] = "reviewer",
        ["Notifications:Staff:2:Roles:1"] = "editor",
    };

    [Fact]
    public async Task Review_work_lands_in_the_pickup_folder_for_the_right_people_with_the_right_subjects()
    {
        using var api = new NotificationsApi(settings: Staff);
        await api.PublishAndWaitAsync(Sample.Submitted("regorafenib", "safety"), NotificationsApi.MailConsumer);
        await api.PublishAndWaitAsync(Sample.Submitted("pazopanib", "clinical"), NotificationsApi.MailConsumer);
        await api.PublishAndWaitAsync(Sample.Approved("imatinib"), NotificationsApi.MailConsumer);
        await api.PublishAndWaitAsync(Sample.ChangesRequested("sunitinib"), NotificationsApi.MailConsumer);
        await api.PublishAndWaitAsync(Sample.Due("trabectedin", overdue: true), NotificationsApi.MailConsumer);

        // 2 + 2 reviewers, 2 + 2 editors, and 3 distinct people for the review due.
        // Each event was handled above, so every e-mail it asked for is queued; once none is pending, all are in the folder.
        await api.WaitUntilAllQueuedSentAsync();
        var mails = ReadAll(api.PickupDirectory);
        var sent = mails.Select(m => (To: m.To.Mailboxes.Single().Address, Subject: m.Subject ?? "")).OrderBy(x => x.To).ThenBy(x => x.Subject).ToList();

        string[] reviewers = ["ravi@example.org", "rosa@example.org"];
        string[] editors = ["erin@example.org", "rosa@example.org"];
        Expect(sent, reviewers, "[SAFETY] Review needed: Title of regorafenib (regorafenib revision 2)");
        Expect(sent, reviewers, "Review needed: Title of pazopanib (pazopanib revision 2)");
        Expect(sent, editors, "Approved: imatinib revision 2");
        Expect(sent, editors, "Changes requested: sunitinib revision 2");
        Expect(sent, ["erin@example.org", "ravi@example.org", "rosa@example.org"], "Review overdue: trabectedin");
        Assert.Equal(11, sent.Count);

        var safety = mails.First(m => (m.Subject ?? "").StartsWith("[SAFETY] "));
        Assert.Equal("publishing@localhost", safety.From.Mailboxes.Single().Address);
        Assert.Contains("Changed fields:", safety.TextBody);
        var request = mails.First(m => (m.Subject ?? "").StartsWith("Changes requested"));
        Assert.Contains("Please cite the SmPC section.", request.TextBody);
    }

    [Fact]
    public async Task Dev_staff_are_used_when_none_are_configured_and_the_dev_issuer_is_on()
    {
        using var api = new NotificationsApi();
        await api.PublishAndWaitAsync(Sample.Submitted("imatinib", "clinical"), NotificationsApi.MailConsumer);
        await api.WaitUntilAllQueuedSentAsync();
        var mails = ReadAll(api.PickupDirectory);
        Assert.Equal(["reviewer-1@example.org", "reviewer-2@example.org"], mails.Select(m => m.To.Mailboxes.Single().Address).Order());
    }

    [Fact]
    public async Task Mail_is_kept_and_retried_while_the_smtp_server_is_down()
    {
        var settings = new Dictionary<string, string?>(Staff)
        {
            // Nothing listens on port 1.
            ["Notifications:Email:Smtp:Host"] = "127.0.0.1",
            ["Notifications:Email:Smtp:Port"] = "1",
            ["Notifications:Email:Smtp:Security"] = "None",
        };
        using var api = new NotificationsApi(settings: settings);
        await api.PublishAndWaitAsync(Sample.Approved("imatinib"), NotificationsApi.MailConsumer);

        var rows = await Eventually.Until(() => api.WithDb(db => db.OutgoingEmails.AsNoTracking().ToListAsync()),
            r => r.Count == 2 && r.All(m => m.Attempts >= 1), what: "two failed sends");
        Assert.All(rows, m =>
        {
            Assert.Equal(EmailStates.Pending, m.State);
            Assert.NotNull(m.LastError);
            Assert.True(m.NextAttemptAt > DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        });
        Assert.False(Directory.Exists(api.PickupDirectory) && Directory.GetFiles(api.PickupDirectory).Length > 0);
    }

    private static void Expect(List<(string To, string Subject)> sent, string[] to, string subject) =>
        Assert.Equal(to, sent.Where(s => s.Subject == subject).Select(s => s.To).Order());

    private static List<MimeMessage> ReadAll(string folder) =>
        Directory.Exists(folder) ? Directory.GetFiles(folder, "*.eml").Select(f => MimeMessage.Load(f)).ToList() : [];
}
