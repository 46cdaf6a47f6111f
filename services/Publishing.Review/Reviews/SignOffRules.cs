using System.Diagnostics.CodeAnalysis;
using Publishing.Contracts;
using Publishing.Review.Data;
using Publishing.ServiceDefaults.Auth;

namespace Publishing.Review.Reviews;

/// <summary>
/// Who may sign off a revision, and how many must (docs/product.md, "Change classes and review policy"):
/// never its author (four eyes), never the same reviewer twice, a recorded qualification and checked
/// references for clinical and safety changes, as many approvals as the change class needs. The
/// handlers ask these questions in their own order and answer each with their own problem.
/// </summary>
public static class SignOffRules
{
    /// <summary>Four eyes: whoever wrote a revision may not approve it, request changes to it or confirm it.</summary>
    public static bool IsAuthor(string? authorId, CurrentUser reviewer) => authorId == reviewer.Id;

    /// <summary>The approvals of one review come from different reviewers.</summary>
    public static bool HasApproved(ReviewTask task, CurrentUser reviewer) =>
        task.Approvals.Any(a => a.ReviewerId == reviewer.Id);

    /// <summary>A reviewer is qualified when a qualification is recorded; a blank one is none.</summary>
    public static bool IsQualified([NotNullWhen(true)] string? qualification) => !string.IsNullOrWhiteSpace(qualification);

    /// <summary>The change class needs a qualified reviewer and this reviewer is not one.</summary>
    public static bool LacksQualification(string changeClass, CurrentUser reviewer) =>
        ChangeClasses.NeedsQualifiedReviewer(changeClass) && !IsQualified(reviewer.Qualification);

    /// <summary>The change class needs the references checked and the reviewer did not confirm it.</summary>
    public static bool LacksReferencesCheck(string changeClass, bool? referencesChecked) =>
        ChangeClasses.NeedsReferencesChecked(changeClass) && referencesChecked != true;

    /// <summary>
    /// Approvals a submission needs: what it asked for, but never fewer than its class needs (Review
    /// enforces the floor itself rather than trusting the sender).
    /// </summary>
    public static int RequiredApprovals(string changeClass, int requested) =>
        Math.Max(requested, ChangeClasses.RequiredApprovals(changeClass));

    /// <summary>The review has every approval it needs.</summary>
    public static bool IsFullyApproved(ReviewTask task) => task.Approvals.Count >= task.RequiredApprovals;
}
