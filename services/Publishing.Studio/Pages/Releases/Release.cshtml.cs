using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Publishing.Studio.Api;

namespace Publishing.Studio.Pages.Releases;

/// <summary>
/// One release: its members and what each would do now (the check), adding a change (an item in review
/// or approved) or a withdrawal (reviewers and admins, with the typed title), and going live now or at
/// a time. Every action is a plain form post; Authoring decides and its problems are shown here.
/// </summary>
public sealed class ReleaseModel(ReleasesApi releases, AuthoringApi authoring) : StudioPageModel
{
    public ReleaseDetail? Release { get; private set; }

    /// <summary>Items that can join as a change: in review or approved, and not in this release.</summary>
    public List<ContentSummary> Candidates { get; private set; } = [];

    /// <summary>Published items, for a withdrawal.</summary>
    public List<ContentSummary> Published { get; private set; } = [];

    [BindProperty] public string? Slug { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? ConfirmTitle { get; set; }

    /// <summary>The go-live time as the browser's datetime-local field sends it, read as UTC.</summary>
    [BindProperty] public string? GoLiveAt { get; set; }

    public Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => ShowAsync(id, null, ct);

    public Task<IActionResult> OnPostAddAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, releases.AddChangeAsync(id, Slug ?? "", ct), "Added. It goes live with the release once approved.", ct);

    public Task<IActionResult> OnPostWithdrawAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, releases.AddWithdrawalAsync(id, Slug ?? "", Reason ?? "", ConfirmTitle ?? "", ct),
            "Withdrawal added. It takes effect when the release goes live, which can only be now.", ct);

    public Task<IActionResult> OnPostRemoveAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, releases.RemoveAsync(id, Slug ?? "", ct), "Removed from the release.", ct);

    public Task<IActionResult> OnPostGoLiveAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, releases.GoLiveAsync(id, ct), "The release is live: every member went live at the same moment.", ct);

    public Task<IActionResult> OnPostCancelAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, releases.CancelScheduleAsync(id, ct), "Schedule cancelled; the release is open again.", ct);

    public async Task<IActionResult> OnPostScheduleAsync(Guid id, CancellationToken ct)
    {
        if (!DateTime.TryParse(GoLiveAt, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at))
            return await ShowAsync(id, new ApiProblem(400, "The request is invalid", "Give the go-live date and time (UTC).",
                new Dictionary<string, string[]> { ["goLiveAt"] = ["Give the go-live date and time (UTC)."] }), ct);
        return await ActAsync(id, releases.ScheduleAsync(id, new DateTimeOffset(at, TimeSpan.Zero), ct), "Scheduled.", ct);
    }

    private async Task<IActionResult> ActAsync(Guid id, Task<ApiResult<ReleaseDetail>> action, string done, CancellationToken ct)
    {
        var result = await action;
        if (!result.Ok) return await ShowAsync(id, result.Problem, ct);
        Flash = done;
        return Redirect($"/Releases/{id}");
    }

    private async Task<IActionResult> ShowAsync(Guid id, ApiProblem? problem, CancellationToken ct)
    {
        var release = await releases.GetAsync(id, ct);
        if (!release.Ok) return ProblemPage(release.Problem!);
        Release = release.Value!;
        var items = await authoring.ListAsync(null, null, ct);
        var members = Release.Members.Select(m => m.Slug).ToHashSet();
        Candidates = (items.Value ?? []).Where(i => i.Status is "in-review" or "approved" && !members.Contains(i.Slug)).ToList();
        Published = (items.Value ?? []).Where(i => i.PublishedRevision is not null && !members.Contains(i.Slug)).ToList();
        return problem is null ? Page() : ProblemPage(problem);
    }
}
