using MassTransit;
using Microsoft.EntityFrameworkCore;
using Publishing.Authoring.Content;
using Publishing.Authoring.Data;
using Publishing.Contracts;
using Publishing.Messaging.Inbox;

namespace Publishing.Authoring.ReviewOutcomes;

/// <summary>A reviewer asked for changes: the item goes back to its editor with the comment.</summary>
public sealed class ReturnToEditorConsumer(AuthoringDbContext db, TimeProvider clock, ILogger<ReturnToEditorConsumer> log)
    : InboxConsumer<AuthoringDbContext>(db, log), IConsumer<ChangesRequested>
{
    public Task Consume(ConsumeContext<ChangesRequested> context) => Once(context, async ct =>
    {
        var request = context.Message;
        var submission = await Db.Submissions.SingleOrDefaultAsync(s => s.Id == request.ReviewId, ct);
        var item = await Db.Content.SingleOrDefaultAsync(c => c.Id == request.ContentId, ct);
        if (submission is not { Status: SubmissionStatus.Pending } || item is null || item.OpenReviewId != submission.Id)
            return;

        submission.Status = SubmissionStatus.ChangesRequested;
        item.Status = ContentStatus.ChangesRequested;
        item.OpenReviewId = null;
        item.ReviewComment = request.Comment;
        Db.Record(item, request.Revision, "changes-requested", request.ReviewerId, request.ReviewerName, request.Comment, clock.GetUtcNow());
    });
}
