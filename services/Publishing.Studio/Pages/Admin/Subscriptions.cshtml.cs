using Microsoft.AspNetCore.Mvc;
using Publishing.Studio.Api;

namespace Publishing.Studio.Pages.Admin;

public sealed class SubscriptionsModel(NotificationsApi notifications) : StudioPageModel
{
    public List<Subscription>? Items { get; private set; }
    public CreatedSubscription? Created { get; private set; }

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? WebhookUrl { get; set; }
    [BindProperty] public List<string> Events { get; set; } = ["content.published", "content.withdrawn"];
    [BindProperty] public string? Types { get; set; }
    [BindProperty] public string? Slugs { get; set; }
    [BindProperty] public string? Tags { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var created = await notifications.CreateAsync(Name ?? "", WebhookUrl ?? "", [.. Events], Split(Types), Split(Slugs), Split(Tags), ct);
        var failed = await LoadAsync(ct);
        if (!created.Ok) return ProblemPage(created.Problem!);
        if (failed is not null) return failed;
        // Not a redirect: the secret is shown once, on this answer, and never stored by the Studio.
        Created = created.Value;
        Name = WebhookUrl = Types = Slugs = Tags = null;
        ModelState.Clear();
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken ct)
    {
        var deleted = await notifications.DeleteAsync(id, ct);
        if (!deleted.Ok)
        {
            await LoadAsync(ct);
            return ProblemPage(deleted.Problem!);
        }
        Flash = "Subscription deleted.";
        return RedirectToPage();
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var list = await notifications.SubscriptionsAsync(ct);
        if (!list.Ok) return ProblemPage(list.Problem!);
        Items = list.Value;
        return null;
    }

    private static string[] Split(string? value) =>
        (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
