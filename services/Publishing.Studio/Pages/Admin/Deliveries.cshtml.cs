using Microsoft.AspNetCore.Mvc;
using Publishing.Studio.Api;

namespace Publishing.Studio.Pages.Admin;

public sealed class DeliveriesModel(NotificationsApi notifications) : StudioPageModel
{
    public Subscription? Subscription { get; private set; }
    public List<Delivery>? Items { get; private set; }

    [BindProperty(SupportsGet = true)] public string? State { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostRedeliverAsync(Guid id, long deliveryId, CancellationToken ct)
    {
        var result = await notifications.RedeliverAsync(id, deliveryId, ct);
        if (!result.Ok) return await LoadAsync(id, ct) ?? ProblemPage(result.Problem!);
        Flash = $"Delivery {deliveryId} queued again; it starts a fresh retry schedule.";
        return RedirectToPage(new { id, state = State });
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        var subscription = await notifications.SubscriptionAsync(id, ct);
        if (!subscription.Ok) return ProblemPage(subscription.Problem!);
        Subscription = subscription.Value;
        var deliveries = await notifications.DeliveriesAsync(id, State, ct);
        if (!deliveries.Ok) return ProblemPage(deliveries.Problem!);
        Items = deliveries.Value;
        return null;
    }
}
