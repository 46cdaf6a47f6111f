using Publishing.Studio.Api;

namespace Publishing.Studio.Pages.Reviews;

/// <summary>
/// What a reviewer reads a submission against: the submitted revision and the one that was published
/// when it was submitted (the latest published before it, from the audit trail), both to render with
/// the patient template, and each changed list whole (Authoring's diff between the two).
/// </summary>
/// <param name="PublishedRevision">0 when nothing was published before.</param>
public sealed record ReviewContext(RevisionDetail Submitted, RevisionDetail? Published, int PublishedRevision, IReadOnlyList<ListChange> Lists)
{
    /// <summary>The context, or the problem that kept it from loading (the review page still shows the changes).</summary>
    public static async Task<(ReviewContext? Context, ApiProblem? Problem)> LoadAsync(AuthoringApi authoring, ReviewDetail review, CancellationToken ct)
    {
        var audit = await authoring.AuditAsync(review.Slug, ct);
        if (!audit.Ok) return (null, audit.Problem);
        var from = audit.Value!.Where(e => e.Action == "published" && e.Revision < review.Revision)
            .Select(e => e.Revision).DefaultIfEmpty(0).Max();

        var submitted = await authoring.RevisionAsync(review.Slug, review.Revision, ct);
        if (!submitted.Ok) return (null, submitted.Problem);
        RevisionDetail? published = null;
        if (from > 0)
        {
            var before = await authoring.RevisionAsync(review.Slug, from, ct);
            if (!before.Ok) return (null, before.Problem);
            published = before.Value;
        }
        var diff = await authoring.DiffAsync(review.Slug, from, review.Revision, ct);
        if (!diff.Ok) return (null, diff.Problem);
        return (new ReviewContext(submitted.Value!, published, from, diff.Value!.Lists ?? []), null);
    }
}
