using System.Text.Json;
using Publishing.Contracts;

namespace Publishing.Review.Tests.Api;

/// <summary>Authoring's events, as Review receives them.</summary>
public static class Events
{
    public const string Author = "editor-1";

    public static string Slug(string stem) => $"{stem}-{Guid.NewGuid().ToString("N")[..8]}";

    public static ContentSubmittedForReview Submission(
        string slug, string changeClass, int revision = 1, Guid? contentId = null, DateTimeOffset? at = null,
        int? requiredApprovals = null) =>
        new(contentId ?? Guid.NewGuid(), slug, revision, at ?? DateTimeOffset.UtcNow, Guid.NewGuid(), "drug", $"Title of {slug}",
            changeClass, requiredApprovals ?? (changeClass == "safety" ? 2 : 1), changeClass == "safety" ? "safety" : "new-evidence",
            "Updated from the SmPC", Author, "Test editor",
            [new FieldChange("sideEffects.serious", "changed", "[]", "[\"liver damage\"]", changeClass)]);

    public static ContentPublished Published(
        Guid contentId, string slug, int revision, DateTimeOffset? lastReviewed = null, DateTimeOffset? nextReviewDue = null) =>
        new(contentId, slug, revision, DateTimeOffset.UtcNow, "drug", $"Title of {slug}", JsonDocument.Parse("{}").RootElement.Clone(),
            [], "clinical", "Updated from the SmPC", "new-evidence", Author, "Test editor",
            [new Approval("reviewer-1", "Test reviewer-1", "Clinical pharmacist", null, true, DateTimeOffset.UtcNow)],
            DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, lastReviewed, nextReviewDue, "hash");

    public static ContentWithdrawn Withdrawn(Guid contentId, string slug, int revision) =>
        new(contentId, slug, revision, DateTimeOffset.UtcNow, "drug", $"Title of {slug}", "EU authorisation withdrawn",
            "reviewer-1", "Test reviewer");

    public static ContentReviewConfirmed Confirmed(
        Guid contentId, string slug, int revision, DateTimeOffset lastReviewed, DateTimeOffset nextReviewDue) =>
        new(contentId, slug, revision, lastReviewed, "drug", $"Title of {slug}",
            new Approval("reviewer-1", "Test reviewer-1", "Clinical pharmacist", null, true, lastReviewed),
            lastReviewed, nextReviewDue);
}
