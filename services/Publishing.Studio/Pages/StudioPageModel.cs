using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Publishing.Contracts;
using Publishing.Studio.Api;
using Publishing.Studio.Auth;
using Publishing.Studio.Forms;

namespace Publishing.Studio.Pages;

/// <summary>What every Studio page has: the signed-in user, the last API problem, a one-off message.</summary>
public abstract class StudioPageModel : PageModel
{
    public StudioUser? Me => StudioUser.From(User);

    /// <summary>The problem the last API call answered with, shown at the top and beside the fields it names.</summary>
    public ApiProblem? Problem { get; set; }

    public FieldErrors Errors => FieldErrors.From(Problem);

    /// <summary>A message carried over a redirect ("Saved as revision 4.").</summary>
    [TempData]
    public string? Flash { get; set; }

    /// <summary>Shows <paramref name="problem"/> on this page with its status code.</summary>
    protected IActionResult ProblemPage(ApiProblem problem)
    {
        Problem = problem;
        Response.StatusCode = problem.Status is >= 400 and < 600 ? problem.Status : 502;
        return Page();
    }
}

public static class Display
{
    public static string Date(DateTimeOffset? value) => value is { } v ? v.ToUniversalTime().ToString("d MMMM yyyy") : "—";

    public static string Time(DateTimeOffset? value) => value is { } v ? v.ToUniversalTime().ToString("d MMM yyyy, HH:mm 'UTC'") : "—";

    public static string Status(string? status) => Vocabulary.Text(Vocabulary.Statuses, status);

    /// <summary>What a scheduled item says wherever it is shown, in the one time format.</summary>
    public static string GoesLive(DateTimeOffset? publishAt) => $"Approved, goes live at {Time(publishAt)}";

    public static string ContentType(string? type) => Vocabulary.Text(Vocabulary.Types, type);

    public static string Approvals(int n, string changeClass) =>
        n == 1
            ? ChangeClasses.NeedsQualifiedReviewer(changeClass) ? "1 approval from a qualified reviewer" : "1 approval"
            : $"{n} approvals from different qualified reviewers";
}
