using Microsoft.AspNetCore.Mvc;
using Publishing.Studio.Api;

namespace Publishing.Studio.Pages.Admin;

/// <summary>
/// Every service's error queues in one place: how many messages wait in each, the messages of one with
/// their exception, re-drive and purge. Services reached at one address (the standalone host) are one host.
/// </summary>
public sealed class ErrorQueuesModel(AuthoringApi authoring, ReviewApi review, SearchApi search, NotificationsApi notifications)
    : StudioPageModel
{
    /// <summary>One address's services and what it answered about their error queues.</summary>
    public sealed record ServiceHost(string Key, string Label, List<ErrorQueue>? Queues, ApiProblem? Problem);

    public List<ServiceHost> Hosts { get; } = [];

    /// <summary>The host (<see cref="ServiceHost.Key"/>) and error queue whose messages are shown.</summary>
    [BindProperty(SupportsGet = true)] public string? Host { get; set; }

    [BindProperty(SupportsGet = true)] public string? Queue { get; set; }

    public List<ParkedMessage>? Messages { get; private set; }

    public Task<IActionResult> OnGetAsync(CancellationToken ct) => ShowAsync(null, ct);

    public async Task<IActionResult> OnPostRedriveAsync(CancellationToken ct)
    {
        if (Host is null || Queue is null || Client(Host) is not { } client) return NotFound();
        var moved = await client.RedriveAsync(Queue, ct);
        if (!moved.Ok) return await ShowAsync(moved.Problem, ct);
        Flash = $"{Count(moved.Value!.Moved)} moved back to {moved.Value.Queue}. One that fails again returns here.";
        return RedirectToPage(new { Host, Queue });
    }

    public async Task<IActionResult> OnPostPurgeAsync(bool confirm, CancellationToken ct)
    {
        if (Host is null || Queue is null || Client(Host) is not { } client) return NotFound();
        if (!confirm)
            return await ShowAsync(new ApiProblem(400, "Nothing was deleted",
                $"Tick “Delete every message in {Queue}” to confirm: deleted messages cannot be brought back.", ApiProblem.NoErrors), ct);
        var purged = await client.PurgeAsync(Queue, ct);
        if (!purged.Ok) return await ShowAsync(purged.Problem, ct);
        Flash = $"{Count(purged.Value!.Purged)} deleted from {Queue}.";
        return RedirectToPage(new { Host, Queue = (string?)null });
    }

    /// <summary>The hosts' error queues and, when one is chosen, its first messages; with <paramref name="problem"/> on top.</summary>
    private async Task<IActionResult> ShowAsync(ApiProblem? problem, CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Host is not null && Queue is not null)
        {
            if (Client(Host) is not { } client) return NotFound();
            var messages = await client.ParkedMessagesAsync(Queue, ct);
            if (messages.Ok) Messages = messages.Value;
            else problem ??= messages.Problem;
        }
        return problem is null ? Page() : ProblemPage(problem);
    }

    private static string Count(long n) => n == 1 ? "1 message" : $"{n} messages";

    private IEnumerable<IGrouping<string, ApiClient>> Groups() =>
        new ApiClient[] { authoring, review, search, notifications }.GroupBy(c => c.Address?.ToString() ?? c.Service);

    private ApiClient? Client(string key) => Groups().FirstOrDefault(g => g.First().Service == key)?.First();

    private async Task LoadAsync(CancellationToken ct)
    {
        foreach (var group in Groups())
        {
            var client = group.First();
            var label = string.Join(", ", group.Select(c => c.Service));
            var queues = await client.ErrorQueuesAsync(ct);
            Hosts.Add(new ServiceHost(client.Service, label, queues.Value, queues.Problem));
        }
    }
}
