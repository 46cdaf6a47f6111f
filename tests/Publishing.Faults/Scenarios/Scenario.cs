using System.Diagnostics;
using Publishing.Faults.Faults;

namespace Publishing.Faults.Scenarios;

/// <summary>
/// One fault: how it is injected and how it ends. <paramref name="Name"/> is what <c>--only</c> selects;
/// <paramref name="Fault"/> is the table's words for it. <paramref name="Lasts"/> is how long it lasts at a
/// size (a lock of a set length ignores the size).
/// </summary>
public sealed record Scenario(string Name, string Fault, bool InShortForm, Func<Run, Task> Inject, Func<Run, Task> End, Func<Sizes, TimeSpan> Lasts)
{
    /// <summary>Report what the scenario left in error queues even in the short form (where messages are expected to go).</summary>
    public bool ParksMessages { get; init; }

    /// <summary>Every scenario, in the order they run.</summary>
    public static IReadOnlyList<Scenario> All() =>
    [
        new("baseline", "none (the same traffic, no fault)", true, _ => Task.CompletedTask, _ => Task.CompletedTask, s => s.FaultFor / 4),
        Kill("search-indexing", "kill-search"),
        Kill("authoring", "kill-authoring"),
        Kill("review", "kill-review"),
        KillNotificationsMidDelivery(),
        new("kill-broker", "kill -9 of the broker node, then restart it", true,
            async run =>
            {
                await run.Services.Broker.KillAsync();
                await NoteReadinessAsync(run, "while the broker was down");
            },
            run => run.Services.Broker.RestartAsync(run.Sizes.StartTimeout), s => s.FaultFor),
        new("pause-broker", "broker node frozen (SIGSTOP), then resumed", true,
            run => { run.Services.Broker.Pause(); return Task.CompletedTask; },
            run => { run.Services.Broker.Resume(); return Task.CompletedTask; }, s => s.FaultFor),
        Cut("authoring", "cut-authoring", inShortForm: true),
        Cut("search-indexing", "cut-search", inShortForm: false),
        Cut("review", "cut-review", inShortForm: false),
        Cut("notifications", "cut-notifications", inShortForm: false),
        Poison("poison", "unreadable messages (not JSON, unknown content type, a field of the wrong type) published straight to the exchange", PoisonMessages.Unreadable),
        Poison("malformed", "malformed events (no title, no fields, a bad slug) published straight to the exchange", PoisonMessages.Malformed),
        Lock("search-indexing", "SearchIndexing", "lock-search-db-15s", "locked for 15 s", _ => TimeSpan.FromSeconds(15)),
        // Past SQLite's 30 s busy wait, so the consumers' own retries have to carry the messages through.
        Lock("search-indexing", "SearchIndexing", "lock-search-db-5min", "locked for 5 min (45 s in the short form)",
            s => s.Full ? TimeSpan.FromMinutes(5) : TimeSpan.FromSeconds(45)),
        new("hang-subscriber", "the webhook subscriber hangs (accepts, never answers)", true,
            run => { run.Subscriber.Hanging = true; return Task.CompletedTask; },
            run => { run.Subscriber.Hanging = false; return Task.CompletedTask; }, s => s.Full ? TimeSpan.FromSeconds(60) : TimeSpan.FromSeconds(8)),
    ];

    private static Scenario Kill(string service, string name) =>
        new(name, $"kill -9 of {service}, then restart it", true,
            run => run.Services.Named(service).KillAsync(),
            run => run.Services.Named(service).StartAsync(run.Sizes.StartTimeout), s => s.FaultFor);

    /// <summary>The service's TCP link to the broker cut (every connection dropped, new ones refused), then restored.</summary>
    private static Scenario Cut(string service, string name, bool inShortForm) =>
        new(name, $"network cut between {service} and the broker", inShortForm,
            run => { run.Services.Named(service).BrokerLink.Stop(); return Task.CompletedTask; },
            run => { run.Services.Named(service).BrokerLink.Start(); return Task.CompletedTask; }, s => s.FaultFor);

    private static Scenario Lock(string service, string database, string name, string locked, Func<Sizes, TimeSpan> hold)
    {
        DatabaseLock? held = null;
        return new(name, $"{service} database {locked}", true,
            async run => held = await DatabaseLock.TakeAsync(run.Services.Named(service).DatabaseFile(database)),
            async _ =>
            {
                if (held is not null) await held.DisposeAsync();
                held = null;
            }, hold);
    }

    /// <summary>Messages no service published, straight to the exchange, while real publications go on.</summary>
    private static Scenario Poison(string name, string fault, Func<string, IReadOnlyList<PoisonMessages.Poison>> messages) =>
        new(name, fault, true,
            async run =>
            {
                var poisons = messages(name);
                foreach (var slug in poisons.Select(p => p.Slug).OfType<string>()) run.Watch.Forbid(slug);
                await PoisonMessages.PublishAsync(run.Services.Broker.AmqpUri, poisons);
            }, _ => Task.CompletedTask, s => s.FaultFor) { ParksMessages = true };

    /// <summary>
    /// kill -9 of Notifications while it is delivering: a slow subscriber (5 s an answer) and a burst of publications
    /// fill the endpoint's slots and leave claimed deliveries waiting behind them when the process dies.
    /// </summary>
    private static Scenario KillNotificationsMidDelivery()
    {
        const string name = "kill-notifications";
        return new(name, "kill -9 of notifications while it delivers webhooks, then restart it", true,
            async run =>
            {
                run.Subscriber.Delay = TimeSpan.FromSeconds(5);
                await Task.WhenAll(Enumerable.Range(1, 4).Select(i => run.PublishNewAsync($"{name}-burst-{i}")));
                var waited = Stopwatch.StartNew();
                while (run.Subscriber.InFlight < 8 && waited.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(50);
                run.Notes.Add($"killed with {run.Subscriber.InFlight} webhooks being answered");
                await run.Services.Notifications.KillAsync();
            },
            async run =>
            {
                run.Subscriber.Delay = TimeSpan.Zero;
                await run.Services.Notifications.StartAsync(run.Sizes.StartTimeout);
            }, s => s.FaultFor);
    }

    /// <summary>What each service's readiness said, a few seconds into a fault that should make it not ready.</summary>
    private static async Task NoteReadinessAsync(Run run, string when)
    {
        await Task.Delay(TimeSpan.FromSeconds(3));
        var ready = new List<string>();
        foreach (var service in run.Services.All)
        {
            try
            {
                using var response = await service.Http.GetAsync("health/ready");
                if (response.IsSuccessStatusCode) ready.Add(service.Name);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException) { }
        }
        if (ready.Count > 0) run.Notes.Add($"/health/ready answered 2xx {when}: {string.Join(", ", ready)}");
    }
}
