using Publishing.Notifications.Data;

namespace Publishing.Notifications.Email;

/// <summary>Queues e-mail as rows in the caller's transaction; the <see cref="EmailWorker"/> sends them.</summary>
public static class EmailQueue
{
    public static void Add(NotificationsDbContext db, Recipient to, string kind, string subject, string body, DateTimeOffset now) =>
        db.OutgoingEmails.Add(new OutgoingEmail
        {
            ToAddress = to.Email,
            ToName = to.Name,
            Kind = kind,
            Subject = subject.Length <= 500 ? subject : subject[..500],
            Body = body,
            State = EmailStates.Pending,
            NextAttemptAt = now.ToUnixTimeMilliseconds(),
            CreatedAt = now,
        });

    public static void AddEach(
        NotificationsDbContext db, IEnumerable<StaffMember> to, string kind, string subject, Func<string, string> body, DateTimeOffset now)
    {
        foreach (var m in to) Add(db, new Recipient(m.Name, m.Email), kind, subject, body(m.Name), now);
    }
}
