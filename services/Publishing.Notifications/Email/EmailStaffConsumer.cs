using System.Text;
using MassTransit;
using Publishing.Contracts;
using Publishing.Messaging.Inbox;
using Publishing.Notifications.Data;
using Publishing.ServiceDefaults.Auth;

namespace Publishing.Notifications.Email;

/// <summary>
/// Tells staff about review work: reviewers of new reviews (safety ones flagged in the subject),
/// editors of approvals and change requests, both of reviews coming due. The mail is queued in
/// the inbox transaction, so it is neither lost nor doubled.
/// </summary>
public sealed class EmailStaffConsumer(
    NotificationsDbContext db, StaffDirectory staff, EmailSignal signal, TimeProvider clock, ILogger<EmailStaffConsumer> log)
    : InboxConsumer<NotificationsDbContext>(db, log),
        IConsumer<ContentSubmittedForReview>, IConsumer<ReviewApproved>, IConsumer<ChangesRequested>, IConsumer<ReviewDue>
{
    public const string SafetyPrefix = "[SAFETY] ";

    public async Task Consume(ConsumeContext<ContentSubmittedForReview> context)
    {
        var m = context.Message;
        var safety = m.ChangeClass == ChangeClasses.Safety;
        var subject = $"{(safety ? SafetyPrefix : "")}Review needed: {m.Title} ({m.Slug} revision {m.Revision})";
        var body = new StringBuilder()
            .AppendLine($"{m.AuthorName} submitted a {m.ChangeClass} change to {m.Title} for review.")
            .AppendLine()
            .AppendLine($"Content: {m.Slug} ({m.ContentType}), revision {m.Revision}")
            .AppendLine($"Change class: {m.ChangeClass}; approvals needed: {m.RequiredApprovals}")
            .AppendLine($"Reason: {m.Reason}")
            .AppendLine($"Summary: {m.ChangeSummary}")
            .AppendLine($"Review: /api/reviews/{m.ReviewId}");
        if (m.Changes.Count > 0)
        {
            body.AppendLine().AppendLine("Changed fields:");
            foreach (var c in m.Changes.Take(50)) body.AppendLine($"  - {c.Path} ({c.Kind}, {c.ChangeClass})");
        }
        await QueueAsync(context, staff.WithRole(Roles.Reviewer), "review-submitted", subject, body.ToString());
    }

    public Task Consume(ConsumeContext<ReviewApproved> context)
    {
        var m = context.Message;
        var body = new StringBuilder()
            .AppendLine($"The {m.ChangeClass} change to {m.Slug} revision {m.Revision} was approved and is being published.")
            .AppendLine();
        foreach (var a in m.Approvals)
            body.AppendLine($"  - {a.ReviewerName}{(a.Qualification is null ? "" : $" ({a.Qualification})")}, {a.ApprovedAt:u}{(a.Comment is null ? "" : $": {a.Comment}")}");
        return QueueAsync(context, staff.WithRole(Roles.Editor), "review-approved",
            $"Approved: {m.Slug} revision {m.Revision}", body.ToString());
    }

    public Task Consume(ConsumeContext<ChangesRequested> context)
    {
        var m = context.Message;
        var body = $"""
            {m.ReviewerName} asked for changes to {m.Slug} revision {m.Revision}:

            {m.Comment}

            Review: /api/reviews/{m.ReviewId}
            """;
        return QueueAsync(context, staff.WithRole(Roles.Editor), "changes-requested",
            $"Changes requested: {m.Slug} revision {m.Revision}", body);
    }

    public Task Consume(ConsumeContext<ReviewDue> context)
    {
        var m = context.Message;
        var what = m.Overdue ? "overdue" : "due";
        var body = $"""
            The periodic review of {m.Slug} (revision {m.Revision}) is {what}: due {m.NextReviewDue:yyyy-MM-dd}, last reviewed {m.LastReviewed:yyyy-MM-dd}.

            A reviewer can confirm it unchanged (POST /api/reviews/periodic) or an editor can revise it.
            """;
        return QueueAsync(context, staff.WithRole(Roles.Reviewer, Roles.Editor), "review-due",
            $"Review {what}: {m.Slug}", body);
    }

    private async Task QueueAsync<T>(ConsumeContext<T> context, IReadOnlyList<StaffMember> to, string kind, string subject, string body)
        where T : class
    {
        await Once(context, _ =>
        {
            EmailQueue.AddEach(Db, to, kind, subject, name => $"Hello {name},\n\n{body}", clock.GetUtcNow());
            return Task.CompletedTask;
        });
        if (to.Count == 0) log.LogWarning("Nobody on staff to tell about {Kind} ({Subject})", kind, subject);
        else signal.Notify();
    }
}
