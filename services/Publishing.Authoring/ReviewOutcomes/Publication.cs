using Publishing.ServiceDefaults.Integrity;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Publishing.Authoring.Content;
using Publishing.Authoring.Data;
using Publishing.Contracts;
using Publishing.Messaging.Outbox;

namespace Publishing.Authoring.ReviewOutcomes;

/// <summary>
/// Makes a reviewed revision the published one and stages <see cref="ContentPublished"/>: the one home
/// of a publication, whether on approval or as a member of a release (which passes its id).
/// </summary>
public sealed class Publication(IOptions<ReviewPolicyOptions> policy)
{
    /// <summary>What the trail says of a sample publication's sign-off, so no one reads it as a clinical review.</summary>
    public const string SampleSignOff = "Sample sign-off: sample data, not a clinical review.";

    /// <returns>The event staged in the outbox, for a release to carry too.</returns>
    public ContentPublished Publish(AuthoringDbContext db, ContentItem item, ContentRevision revision, Submission submission,
        IReadOnlyList<Approval> approvals, DateTimeOffset now, Guid? releaseId = null)
    {
        item.PublishedRevision = revision.Number;
        item.Status = ContentStatus.Published;
        item.OpenReviewId = null;
        item.PublishAt = null;
        item.ReviewComment = null;
        item.WithdrawnAt = null;
        item.WithdrawalReason = null;
        item.FirstPublished ??= now;
        item.LastModified = now;
        // A clinician checked the content itself only for clinical and safety changes.
        if (submission.ChangeClass != ChangeClasses.Editorial)
        {
            item.LastReviewed = now;
            item.NextReviewDue = now.AddMonths(policy.Value.ReviewIntervalMonths);
        }
        submission.Status = SubmissionStatus.Approved;
        submission.Approvals = JsonSerializer.Serialize(approvals, JsonSerializerOptions.Web);

        db.Record(item, revision.Number, "published", "system", "Publishing", ApprovedBy(submission, approvals), now);
        var published = Describe(item, revision, submission, approvals, now) with { ReleaseId = releaseId };
        db.AddOutboxMessage(published, now);
        return published;
    }

    /// <summary>Who signed the revision off, as the trail says it.</summary>
    public static string ApprovedBy(Submission submission, IReadOnlyList<Approval> approvals)
    {
        var approvedBy = $"Approved by {string.Join(", ", approvals.Select(a => $"{a.ReviewerName} ({a.Qualification ?? "no qualification"})"))}";
        return submission.Sample ? $"{approvedBy}. {SampleSignOff}" : approvedBy;
    }

    /// <summary>The published revision as subscribers see it; also what a search rebuild re-reads.</summary>
    public static ContentPublished Describe(
        ContentItem item, ContentRevision revision, Submission submission, IReadOnlyList<Approval> approvals, DateTimeOffset at)
    {
        var fields = Json.Parse(revision.Fields);
        return new ContentPublished(
            item.Id, item.Slug, revision.Number, at, item.Type, revision.Title, fields, Tags(fields),
            submission.ChangeClass, submission.ChangeSummary, submission.Reason, revision.AuthorId, revision.AuthorName,
            approvals, item.FirstPublished!.Value, item.LastModified!.Value, item.LastReviewed, item.NextReviewDue,
            CanonicalJson.Sha256(fields), submission.Sample);
    }

    private static IReadOnlyList<string> Tags(JsonElement fields) =>
        fields.TryGetProperty("tags", out var tags) && tags.ValueKind == JsonValueKind.Array
            ? tags.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!).ToList()
            : [];
}
