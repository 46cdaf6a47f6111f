using Publishing.Faults.Faults;

namespace Publishing.Faults.Scenarios;

/// <summary>
/// One fault: how it is injected and how it ends. <paramref name="Name"/> is what <c>--only</c> selects;
/// <paramref name="Fault"/> is the table's words for it. <paramref name="Lasts"/> is how long it lasts at a
/// size (a lock of a set length ignores the size).
/// </summary>
public sealed record Scenario(string Name, string Fault, bool InShortForm, Func<Run, Task> Inject, Func<Run, Task> End, Func<Sizes, TimeSpan> Lasts)
{
    /// <summary>Every scenario, in the order they run.</summary>
    public static IReadOnlyList<Scenario> All() =>
    [
        new("baseline", "none (the same traffic, no fault)", true, _ => Task.CompletedTask, _ => Task.CompletedTask, s => s.FaultFor / 4),
        Kill("search-indexing", "kill-search"),
        Kill("authoring", "kill-authoring"),
        Kill("review", "kill-review"),
        Kill("notifications", "kill-notifications"),
        new("kill-broker", "kill -9 of the broker node, then restart it", true,
            run => run.Services.Broker.KillAsync(), run => run.Services.Broker.RestartAsync(run.Sizes.StartTimeout), s => s.FaultFor),
        new("pause-broker", "broker node frozen (SIGSTOP), then resumed", true,
            run => { run.Services.Broker.Pause(); return Task.CompletedTask; },
            run => { run.Services.Broker.Resume(); return Task.CompletedTask; }, s => s.FaultFor),
        Cut("search-indexing", "cut-search", inShortForm: true),
        Cut("authoring", "cut-authoring", inShortForm: true),
        Cut("review", "cut-review", inShortForm: false),
        Cut("notifications", "cut-notifications", inShortForm: false),
        Poison(),
        Lock("search-indexing", "SearchIndexing", "lock-search-db-15s", TimeSpan.FromSeconds(15), inShortForm: true),
        Lock("search-indexing", "SearchIndexing", "lock-search-db-5min", TimeSpan.FromMinutes(5), inShortForm: false),
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

    private static Scenario Lock(string service, string database, string name, TimeSpan hold, bool inShortForm)
    {
        DatabaseLock? held = null;
        return new(name, $"{service} database locked for {(hold.TotalMinutes >= 1 ? $"{hold.TotalMinutes:0} min" : $"{hold.TotalSeconds:0} s")}", inShortForm,
            async run => held = await DatabaseLock.TakeAsync(run.Services.Named(service).DatabaseFile(database)),
            async _ =>
            {
                if (held is not null) await held.DisposeAsync();
                held = null;
            }, _ => hold);
    }

    /// <summary>Malformed messages straight to the exchange, while real publications go on.</summary>
    private static Scenario Poison() =>
        new("poison", "poison and malformed messages published straight to the exchange", true,
            async run =>
            {
                var poisons = PoisonMessages.All("poison");
                foreach (var slug in poisons.Select(p => p.Slug).OfType<string>()) run.Watch.Forbid(slug);
                await PoisonMessages.PublishAsync(run.Services.Broker.AmqpUri, poisons);
            }, _ => Task.CompletedTask, s => s.FaultFor);
}
