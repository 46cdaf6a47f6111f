using Microsoft.AspNetCore.Mvc;
using Publishing.Contracts;
using Publishing.Studio.Api;

namespace Publishing.Studio.Pages.Reviews;

public sealed class ReviewModel(ReviewApi reviews, AuthoringApi authoring) : StudioPageModel
{
    public ReviewDetail? Review { get; private set; }

    /// <summary>The revisions to render and the changed lists whole; null when Authoring could not give them.</summary>
    public ReviewContext? Context { get; private set; }

    /// <summary>When the revision goes live: "Approved, goes live at ..." once scheduled, the embargo asked for while pending; null when on approval.</summary>
    public string? GoLive { get; private set; }

    /// <summary>The go-live time its editor asked for when submitting, if any.</summary>
    private DateTimeOffset? _embargo;

    /// <summary>Why <see cref="Context"/> is missing.</summary>
    public ApiProblem? ContextProblem { get; private set; }

    /// <summary>This user may ask for changes (a reviewer, not the author, on a pending review).</summary>
    public bool CanRequestChanges =>
        Review is { Status: "pending" } r && Me is { IsReviewer: true } me && me.Id != r.AuthorId;

    [BindProperty] public string? Comment { get; set; }
    [BindProperty] public bool ReferencesChecked { get; set; }
    [BindProperty] public string? ChangesComment { get; set; }

    /// <summary>Why this user gets no approve button (the API would refuse them anyway), or null.</summary>
    public string? CannotApproveReason
    {
        get
        {
            if (Review is not { } r || Me is not { } me) return null;
            if (r.Status != "pending") return $"This review is closed ({r.Status}).";
            if (!me.IsReviewer) return "Only reviewers approve changes.";
            if (me.Id == r.AuthorId) return "You wrote this revision, so you cannot approve it: another reviewer must.";
            if (r.Approvals.Any(a => a.ReviewerId == me.Id)) return "You have approved this review; it needs a different reviewer for the rest.";
            if (ChangeClasses.NeedsQualifiedReviewer(r.ChangeClass) && string.IsNullOrWhiteSpace(me.Qualification))
                return $"A {r.ChangeClass} change needs a reviewer with a recorded clinical qualification; yours is not recorded.";
            return null;
        }
    }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostApproveAsync(Guid id, CancellationToken ct)
    {
        var result = await reviews.ApproveAsync(id, Comment, ReferencesChecked, ct);
        if (!result.Ok) return await Reload(id, result.Problem!, ct);
        var r = result.Value!;
        await LoadAsync(id, ct);
        Flash = r.Status == "approved"
            ? _embargo is { } at && at > DateTimeOffset.UtcNow
                ? $"Approved. That was the last approval needed: the revision goes live at {Display.Time(at)}, not before."
                : "Approved. That was the last approval needed: the revision is being published."
            : $"Approved. {r.Remaining} more {(r.Remaining == 1 ? "approval is" : "approvals are")} needed from a different qualified reviewer.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostRequestChangesAsync(Guid id, CancellationToken ct)
    {
        var result = await reviews.RequestChangesAsync(id, ChangesComment, ct);
        if (!result.Ok) return await Reload(id, result.Problem!, ct);
        Flash = "Changes requested. The item is back with the editor.";
        return RedirectToPage("/Reviews/Index");
    }

    private async Task<IActionResult> Reload(Guid id, ApiProblem problem, CancellationToken ct)
    {
        var failed = await LoadAsync(id, ct);
        return failed ?? ProblemPage(problem);
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        var review = await reviews.GetAsync(id, ct);
        if (!review.Ok) return ProblemPage(review.Problem!);
        Review = review.Value;
        (Context, ContextProblem) = await ReviewContext.LoadAsync(authoring, Review!, ct);
        _embargo = (await authoring.SubmissionAsync(Review!.Slug, id, ct)).Value?.PublishAt;
        var item = await authoring.GetAsync(Review.Slug, ct);
        GoLive = item.Value is { Status: "scheduled" } scheduled && scheduled.OpenReviewId == id
            ? Display.GoesLive(scheduled.PublishAt)
            : _embargo is { } at && Review.Status == "pending" ? $"At {Display.Time(at)} once approved (an embargo), not before" : null;
        return null;
    }
}
