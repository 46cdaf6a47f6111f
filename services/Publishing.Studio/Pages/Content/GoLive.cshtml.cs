using Microsoft.AspNetCore.Mvc;
using Publishing.Studio.Api;
using Publishing.Studio.Forms;

namespace Publishing.Studio.Pages.Content;

/// <summary>The go-live box (<c>_GoLive</c>): the item, the errors beside its time field, and the time as typed.</summary>
public sealed record GoLiveView(ContentDetail Item, FieldErrors Errors, string? Typed = null);

/// <summary>
/// An editor's say over an approved revision that is not live yet: schedule or move its go-live
/// time, cancel it, or publish now. The forms are on the item's page; each posts here and comes back
/// to the item with a message, or shows the refusal here beside the field.
/// </summary>
public sealed class GoLiveModel(AuthoringApi authoring) : StudioPageModel
{
    public ContentDetail? Item { get; private set; }

    [BindProperty] public string? PublishAt { get; set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct) => await LoadAsync(slug, ct) ?? Page();

    public Task<IActionResult> OnPostScheduleAsync(string slug, CancellationToken ct) =>
        ActAsync(slug, authoring.ScheduleAsync(slug, GoLiveInput.ToApi(PublishAt), ct),
            r => $"Goes live at {Display.Time(r.PublishAt)}. Nothing of it is public until then.", ct);

    public Task<IActionResult> OnPostCancelAsync(string slug, CancellationToken ct) =>
        ActAsync(slug, authoring.CancelScheduleAsync(slug, ct),
            _ => "The go-live time is cancelled. The revision stays approved and unpublished until you publish or schedule it.", ct);

    public Task<IActionResult> OnPostPublishNowAsync(string slug, CancellationToken ct) =>
        ActAsync(slug, authoring.PublishNowAsync(slug, ct),
            r => $"Revision {r.PublishedRevision} is published. Search and subscribers hear of it within seconds.", ct);

    private async Task<IActionResult> ActAsync(string slug, Task<ApiResult<GoLiveResult>> call, Func<GoLiveResult, string> done, CancellationToken ct)
    {
        var result = await call;
        if (result.Ok)
        {
            Flash = done(result.Value!);
            return Redirect($"/Content/Edit/{Uri.EscapeDataString(slug)}");
        }
        var failed = await LoadAsync(slug, ct);
        return failed ?? ProblemPage(result.Problem!);
    }

    private async Task<IActionResult?> LoadAsync(string slug, CancellationToken ct)
    {
        var item = await authoring.GetAsync(slug, ct);
        if (!item.Ok) return ProblemPage(item.Problem!);
        Item = item.Value;
        return null;
    }
}
