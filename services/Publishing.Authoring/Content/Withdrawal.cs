using Publishing.Authoring.Data;
using Publishing.Authoring.GoLive;
using Publishing.Contracts;
using Publishing.Messaging.Outbox;

namespace Publishing.Authoring.Content;

/// <summary>
/// Takes an item's published revision down and stages <see cref="ContentWithdrawn"/>: the one home of a
/// withdrawal, whether on its own (the safety fast track) or as a member of a release.
/// </summary>
public static class Withdrawal
{
    /// <returns>The event staged in the outbox, for a release to carry too.</returns>
    public static ContentWithdrawn Withdraw(AuthoringDbContext db, ContentItem item, int revision, string title, string reason,
        string byId, string byName, DateTimeOffset now, Guid? releaseId = null)
    {
        item.PublishedRevision = null;
        item.WithdrawnAt = now;
        item.WithdrawalReason = reason;
        // A change waiting for review or for its release keeps its place; only the live copy goes. One
        // scheduled loses its time, so nothing goes live again by itself after a safety withdrawal: an
        // editor decides deliberately.
        if (item.Status == ContentStatus.Scheduled)
            GoLiveSchedule.Cancel(db, item, item.CurrentRevision, byId, byName, "Withdrawal of the live revision.", now);
        else if (item.Status is not (ContentStatus.InReview or ContentStatus.Approved)) item.Status = ContentStatus.Withdrawn;
        db.Record(item, revision, "withdrawn", byId, byName, reason, now);
        var withdrawn = new ContentWithdrawn(item.Id, item.Slug, revision, now, item.Type, title, reason, byId, byName, releaseId);
        db.AddOutboxMessage(withdrawn, now);
        return withdrawn;
    }

    /// <summary>Equal apart from case and runs of spaces: the check is for the right item, not for typing.</summary>
    public static bool SameTitle(string typed, string title) =>
        string.Equals(Words(typed), Words(title), StringComparison.OrdinalIgnoreCase);

    private static string Words(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
