using Microsoft.AspNetCore.Mvc;
using Publishing.Studio.Api;

namespace Publishing.Studio.Pages;

/// <summary>
/// What Authoring's guards warned of when a revision was submitted, for the reviewers: it is stored
/// with the submission, so it is read from Authoring by the review's id. Shows nothing when there
/// were no warnings, and says so when Authoring cannot be asked.
/// </summary>
public sealed class SubmissionWarningsViewComponent(AuthoringApi authoring) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(string slug, Guid reviewId)
    {
        var submission = await authoring.SubmissionAsync(slug, reviewId, HttpContext.RequestAborted);
        return View(submission.Ok ? new GuardWarningsView(submission.Value!.Warnings, "Warnings the editor was given", 2, LinkFields: false, "review-warnings",
                "Authoring's checks for common slips found these when the revision was submitted; they are warnings, and the editor chose to go on.") : null);
    }
}
