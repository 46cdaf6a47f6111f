using System.Collections.Concurrent;
using System.Net;
using Publishing.Faults.Cluster;
using Publishing.Faults.Traffic;

namespace Publishing.Faults.Checks;

/// <summary>What became of one scenario's publications.</summary>
public sealed record Outcome(int Publications, int Lost, int DuplicateEffects, int DuplicateDeliveries, int StrayEffects, TimeSpan? Converge, string Notes);

/// <summary>
/// Watches every effect of every accepted publication, as the public sees them: the public copy in Search
/// serves that revision, the change feed lists it, Notifications recorded the event, and every subscription's
/// endpoint got a <c>content.published</c> webhook for it and answered 200. Polls from the scenario's start, so each effect
/// is timed when it happened, and after the fault ends waits until all are seen or the time is up.
/// </summary>
/// <remarks>
/// Beside the effects, the delivery log: every request the subscriber received must be an attempt the log of its
/// delivery shows (<c>/api/subscriptions/{id}/deliveries</c>), including one a process made just before it died.
/// </remarks>
public sealed class EffectWatch(Services services, Subscriber subscriber, IReadOnlyList<SubscriptionEndpoint> subscriptions, HttpClient admin, ChangeFeed feed)
{
    private const string Search = "search", Feed = "feed", Event = "event", Webhook = "webhook";
    private static readonly string[] Effects = [Search, Feed, Event, Webhook];

    private sealed class Expected(Publication publication)
    {
        public Publication Publication { get; } = publication;
        public ConcurrentDictionary<string, DateTimeOffset> Seen { get; } = new();
        public bool Complete => Seen.Count == Effects.Length;
        public DateTimeOffset? CompletedAt => Complete ? Seen.Values.Max() : null;
    }

    private readonly ConcurrentDictionary<(string, int), Expected> _expected = new();
    private readonly ConcurrentBag<string> _forbidden = [];

    public void Expect(Publication publication) => _expected.TryAdd((publication.Slug, publication.Revision), new Expected(publication));

    /// <summary>A slug only a malformed or poison message names: nothing may ever show it.</summary>
    public void Forbid(string slug) => _forbidden.Add(slug);

    public bool AllSeen => _expected.Values.All(e => e.Complete);

    /// <summary>One look at everything not yet seen.</summary>
    public async Task PollAsync()
    {
        var now = DateTimeOffset.UtcNow;
        var feedAnswered = await feed.ReadAsync();
        var received = subscriber.Received;
        foreach (var e in _expected.Values.Where(e => !e.Complete))
        {
            var (slug, revision) = (e.Publication.Slug, e.Publication.Revision);
            if (feedAnswered && feed.Count("content.published", slug, revision) > 0) e.Seen.TryAdd(Feed, now);
            if (subscriptions.All(s => received.Any(r => r.Path == s.Path && r.Type == "content.published" && r.Slug == slug && r.Revision == revision && r.Answered is >= 200 and < 300)))
                e.Seen.TryAdd(Webhook, now);
            if (!e.Seen.ContainsKey(Search) && await Api.TryGetAsync(services.Search.Http, $"api/published/{slug}") is { Status: HttpStatusCode.OK } doc
                && doc.Body.GetProperty("revision").GetInt32() == revision)
                e.Seen.TryAdd(Search, now);
            if (!e.Seen.ContainsKey(Event) && (await EventsAsync(slug))?.Count(x => x.Type == "ContentPublished" && x.Revision == revision) > 0)
                e.Seen.TryAdd(Event, now);
        }
    }

    /// <summary>
    /// Polls until every effect is seen or <paramref name="timeout"/> after <paramref name="faultEnded"/>, then
    /// waits <paramref name="settle"/> for late duplicates and counts.
    /// </summary>
    public async Task<Outcome> ConvergeAsync(DateTimeOffset faultEnded, TimeSpan timeout, TimeSpan settle)
    {
        var until = faultEnded + timeout;
        while (DateTimeOffset.UtcNow < until)
        {
            await PollAsync();
            if (AllSeen) break;
            await Task.Delay(250);
        }
        await Task.Delay(settle);
        await PollAsync();
        return await CountAsync(faultEnded);
    }

    private async Task<Outcome> CountAsync(DateTimeOffset faultEnded)
    {
        var received = subscriber.Received;
        int lost = 0, duplicateEffects = 0, duplicateDeliveries = 0, strays = 0, unlogged = 0;
        var missing = new Dictionary<string, int>();
        var duplicates = new Dictionary<string, int>();
        void Add(Dictionary<string, int> counts, string what, int n) { if (n > 0) counts[what] = counts.GetValueOrDefault(what) + n; }

        foreach (var e in _expected.Values)
        {
            var (slug, revision) = (e.Publication.Slug, e.Publication.Revision);
            if (!e.Complete)
            {
                lost++;
                foreach (var effect in Effects.Where(x => !e.Seen.ContainsKey(x))) Add(missing, effect, 1);
            }
            var feedExtra = Math.Max(0, feed.Count("content.published", slug, revision) - 1);
            var events = await EventsAsync(slug) ?? [];
            var eventExtra = Math.Max(0, events.Count(x => x.Type == "ContentPublished" && x.Revision == revision) - 1);
            var hooks = received.Where(r => r.Type == "content.published" && r.Slug == slug && r.Revision == revision).ToList();
            // One webhook id per subscription and publication: a second id is a second delivery job for the same event.
            var webhookExtra = hooks.GroupBy(h => h.Path).Sum(g => Math.Max(0, g.Select(h => h.WebhookId).Distinct().Count() - 1));
            Add(duplicates, Feed, feedExtra);
            Add(duplicates, Event, eventExtra);
            Add(duplicates, Webhook, webhookExtra);
            duplicateEffects += feedExtra + eventExtra + webhookExtra;
            duplicateDeliveries += hooks.Where(h => h.Answered is >= 200 and < 300).GroupBy(h => h.WebhookId).Sum(g => g.Count() - 1);
            unlogged += await UnloggedAttemptsAsync(slug, hooks);
        }

        var strayNotes = new List<string>();
        foreach (var slug in _forbidden.Distinct())
        {
            var found = new List<string>();
            if (await Api.TryGetAsync(services.Search.Http, $"api/published/{Uri.EscapeDataString(slug)}") is { Status: HttpStatusCode.OK or HttpStatusCode.Gone })
                found.Add(Search);
            if (feed.CountForSlug(slug) is > 0 and var inFeed) found.Add($"{Feed} {inFeed}");
            if ((await EventsAsync(slug))?.Count is > 0 and var events) found.Add($"{Event} {events}");
            if (received.Count(r => r.Slug == slug) is > 0 and var hooks) found.Add($"{Webhook} {hooks}");
            if (found.Count == 0) continue;
            strays += found.Count;
            strayNotes.Add($"{slug}: {string.Join(", ", found)}");
        }

        // Each message's trip is timed from the later of the fault's end and the message's start, so what is measured
        // is the wait the fault added, not how long traffic started during it took to be approved: the submission's
        // trip to Review, then the publication's to every effect.
        var waits = _expected.Values.SelectMany(e => new[]
        {
            e.Publication.ReviewArrivedAt - Max(faultEnded, e.Publication.SubmittedAt),
            e.CompletedAt is { } done ? done - Max(faultEnded, e.Publication.AcceptedAt) : (TimeSpan?)null,
        }).ToList();
        TimeSpan? converge = waits.Count == 0 || waits.Any(w => w is null)
            ? null
            : TimeSpan.FromTicks(Math.Max(0, waits.Max(w => w!.Value.Ticks)));
        var notes = new List<string>();
        if (missing.Count > 0) notes.Add("missing: " + string.Join(", ", missing.Select(m => $"{m.Key} {m.Value}")));
        if (duplicates.Count > 0) notes.Add("duplicated: " + string.Join(", ", duplicates.Select(m => $"{m.Key} {m.Value}")));
        if (unlogged > 0) notes.Add($"the delivery log lacks {unlogged} attempt(s) the subscriber received");
        if (strays > 0) notes.Add($"applied from malformed messages: {string.Join("; ", strayNotes)}");
        return new Outcome(_expected.Count, lost, duplicateEffects, duplicateDeliveries, strays, converge, string.Join("; ", notes));
    }

    /// <summary>Requests received beyond the attempts each delivery's log shows, over every subscription.</summary>
    private async Task<int> UnloggedAttemptsAsync(string slug, IReadOnlyList<Received> hooks)
    {
        var missing = 0;
        foreach (var subscription in subscriptions)
        {
            if (await Api.TryGetAsync(admin, $"api/subscriptions/{subscription.Id}/deliveries?slug={Uri.EscapeDataString(slug)}&limit=500")
                is not { Status: HttpStatusCode.OK } answer) continue;
            var logged = answer.Body.EnumerateArray().ToDictionary(
                d => d.GetProperty("webhookId").GetString() ?? "", d => d.GetProperty("attempts").GetArrayLength());
            missing += hooks.Where(h => h.Path == subscription.Path).GroupBy(h => h.WebhookId)
                .Sum(g => Math.Max(0, g.Count() - logged.GetValueOrDefault(g.Key)));
        }
        return missing;
    }

    private async Task<List<(string Type, int Revision)>?> EventsAsync(string slug)
    {
        if (await Api.TryGetAsync(admin, $"api/notifications/events?slug={Uri.EscapeDataString(slug)}&limit=500") is not { Status: HttpStatusCode.OK } answer)
            return null;
        return answer.Body.EnumerateArray()
            .Select(e => (e.GetProperty("eventType").GetString() ?? "", e.GetProperty("revision").GetInt32()))
            .ToList();
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    /// <summary>For each publication, when it was accepted and each effect first seen, in seconds from the end of the fault.</summary>
    public IEnumerable<string> Timeline(DateTimeOffset faultEnded) => _expected.Values.OrderBy(e => e.Publication.AcceptedAt).Select(e =>
        $"{e.Publication.Slug} r{e.Publication.Revision} submitted {Since(e.Publication.SubmittedAt, faultEnded)}, in Review {Since(e.Publication.ReviewArrivedAt, faultEnded)}, " +
        $"accepted {Since(e.Publication.AcceptedAt, faultEnded)}: " +
        string.Join(", ", Effects.Select(x => e.Seen.TryGetValue(x, out var at) ? $"{x} {Since(at, faultEnded)}" : $"{x} never")));

    private static string Since(DateTimeOffset at, DateTimeOffset from) => $"{(at - from).TotalSeconds:+0.0;-0.0} s";
}
