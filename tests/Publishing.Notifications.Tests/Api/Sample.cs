using System.Text.Json;
using Publishing.Contracts;

namespace Publishing.Notifications.Tests.Api;

/// <summary>Authoring's and Review's events, as Notifications receives them.</summary>
public static class Sample
{
    public static ContentPublished Published(
        string slug, int revision = 1, string changeClass = "clinical", string[]? tags = null, string contentType = "drug",
        Guid? contentId = null) =>
        new(contentId ?? Guid.NewGuid(), slug, revision, DateTimeOffset.UtcNow, contentType, $"Title of {slug}",
            JsonDocument.Parse("{}").RootElement.Clone(), tags ?? [], changeClass, $"Updated {slug} from the SmPC", "new-evidence",
            "editor-1", "Test editor", [new Approval("reviewer-1", "Test reviewer", "Clinical pharmacist", null, true, DateTimeOffset.UtcNow)],
            DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow,
            DateTimeOffset.UtcNow.AddYears(1), "hash-" + slug);

    public static ContentWithdrawn Withdrawn(string slug, int revision = 2) =>
        new(Guid.NewGuid(), slug, revision, DateTimeOffset.UtcNow, "drug", $"Title of {slug}", "EU authorisation withdrawn",
            "reviewer-1", "Test reviewer");

    public static ContentReviewConfirmed Confirmed(string slug, int revision = 1) =>
        new(Guid.NewGuid(), slug, revision, DateTimeOffset.UtcNow, "drug", $"Title of {slug}",
            new Approval("reviewer-1", "Test reviewer", "Clinical pharmacist", null, true, DateTimeOffset.UtcNow),
            DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddYears(1));

    public static ContentSubmittedForReview Submitted(string slug, string changeClass) =>
        new(Guid.NewGuid(), slug, 2, DateTimeOffset.UtcNow, Guid.NewGuid(), "drug", $"Title of {slug}", changeClass,
            changeClass == "safety" ? 2 : 1, changeClass == "safety" ? "safety" : "new-evidence", "Updated from the SmPC",
            "editor-1", "Test editor", [new FieldChange("sideEffects.serious", "changed", "[]", "[\"liver damage\"]", changeClass)]);

    public static ReviewApproved Approved(string slug) =>
        new(Guid.NewGuid(), Guid.NewGuid(), slug, 2, "clinical",
            [new Approval("reviewer-1", "Test reviewer", "Clinical pharmacist", "Checked", true, DateTimeOffset.UtcNow)], DateTimeOffset.UtcNow);

    public static ChangesRequested ChangesRequested(string slug) =>
        new(Guid.NewGuid(), Guid.NewGuid(), slug, 2, "reviewer-1", "Test reviewer", "Please cite the SmPC section.", DateTimeOffset.UtcNow);

    public static ReviewDue Due(string slug, bool overdue) =>
        new(Guid.NewGuid(), slug, 1, DateTimeOffset.UtcNow.AddYears(-1), DateTimeOffset.UtcNow.AddDays(overdue ? -1 : 30), overdue, DateTimeOffset.UtcNow);
}
