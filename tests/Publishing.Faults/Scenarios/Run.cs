using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Publishing.Faults.Checks;
using Publishing.Faults.Cluster;
using Publishing.Faults.Traffic;

namespace Publishing.Faults.Scenarios;

/// <summary>How much of everything: the short form CI runs, or the full form the table in docs/reliability.md comes from.</summary>
/// <param name="Before">Publications accepted just before the fault, so their effects are in flight when it strikes.</param>
/// <param name="During">Publications started at even intervals while the fault lasts.</param>
/// <param name="FaultFor">How long a fault without a length of its own lasts.</param>
/// <param name="ConvergeWithin">How long after the fault ends every effect may take before the rest count as lost.</param>
/// <param name="Settle">How long to keep watching after the last effect, for late duplicates.</param>
/// <param name="StepDeadline">How long one API step may keep failing (the service it needs down) before the publication is given up.</param>
public sealed record Sizes(bool Full, int Before, int During, TimeSpan FaultFor, TimeSpan ConvergeWithin, TimeSpan Settle, TimeSpan StepDeadline, TimeSpan StartTimeout)
{
    public static readonly Sizes Short = new(false, 2, 2, TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(1),
        TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(90));

    public static readonly Sizes Long = new(true, 10, 20, TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(30),
        TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(3));
}

/// <summary>Everything a scenario works with: the processes, the traffic, the subscriber, and the watch on this scenario's effects.</summary>
public sealed class Run(Services services, Subscriber subscriber, IReadOnlyList<SubscriptionEndpoint> subscriptions, Publisher publisher, ChangeFeed feed, HttpClient admin, Sizes sizes)
{
    /// <summary>Subscriptions to every publication, each to its own path on the subscriber: three sites.</summary>
    public const int Subscriptions = 3;

    public Services Services { get; } = services;
    public Subscriber Subscriber { get; } = subscriber;
    public Publisher Publisher { get; } = publisher;
    public Sizes Sizes { get; } = sizes;

    /// <summary>Print when each effect of each publication was seen.</summary>
    public bool Verbose { get; init; }

    /// <summary>Items whose every effect was seen: the ones a later scenario may publish a new revision of.</summary>
    public Queue<string> Settled { get; } = new();

    public EffectWatch Watch { get; private set; } = null!;

    public EffectWatch NewWatch()
    {
        Notes.Clear();
        return Watch = new EffectWatch(Services, Subscriber, subscriptions, admin, feed);
    }

    /// <summary>Messages in each error and skipped queue after the last look, to report what a scenario added.</summary>
    public Dictionary<string, long> ParkedBefore { get; set; } = [];

    /// <summary>What a scenario observed beside the counts (e.g. what health said during the fault).</summary>
    public List<string> Notes { get; } = [];

    /// <summary>A publication a scenario makes itself (beside the runner's traffic), watched like the rest.</summary>
    public async Task<Publication> PublishNewAsync(string slug)
    {
        var publication = await Publisher.PublishNewAsync(slug);
        Watch.Expect(publication);
        return publication;
    }

    /// <summary>What every scenario needs first: the subscription that sends every publication to the subscriber, and the people's tokens.</summary>
    public static async Task<Run> PrepareAsync(Services services, Subscriber subscriber, Sizes sizes, bool verbose)
    {
        var adminToken = await Api.DevTokenAsync(services.Authoring.Http, "admin-1", "admin", null, sizes.StepDeadline);
        var admin = Api.Client(services.Notifications.Address, adminToken);
        var subscriptions = new List<SubscriptionEndpoint>();
        foreach (var path in Enumerable.Range(1, Subscriptions).Select(i => $"site-{i}"))
        {
            using var created = await Api.PostAsync(admin, "api/subscriptions", new
            {
                name = $"Fault suite {path}",
                url = subscriber.UrlFor(path),
                events = new[] { "content.published" },
                filter = new { types = Array.Empty<string>(), slugs = Array.Empty<string>(), tags = Array.Empty<string>() },
            }, sizes.StepDeadline, HttpStatusCode.Created);
            subscriptions.Add(new SubscriptionEndpoint(path, (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid()));
        }
        var publisher = await Publisher.CreateAsync(services, sizes.StepDeadline);
        return new Run(services, subscriber, subscriptions, publisher, new ChangeFeed(services.Search.Http), admin, sizes) { Verbose = verbose };
    }
}
