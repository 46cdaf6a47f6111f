using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Publishing.Notifications.Data;
using Publishing.Notifications.Webhooks;
using Publishing.Testing;

namespace Publishing.Notifications.Tests.Api;

/// <summary>
/// The Notifications service in memory (its own SQLite folder, an in-memory bus, dev tokens), with
/// private networks allowed (the receivers are on loopback) unless a test says otherwise, a fast
/// poll, and optionally a fake clock that drives the retry schedule, a fake network (names resolved
/// and dialled as a test says, always to loopback) and the data folder of an earlier host.
/// </summary>
public sealed class NotificationsApi : ServiceApiFactory<Program, NotificationsDbContext>
{
    public const string WebhooksConsumer = "EnqueueWebhooksConsumer";
    public const string MailConsumer = "EmailStaffConsumer";

    private readonly Dictionary<string, string?> _settings;

    private readonly WebhookNetwork? _network;

    public NotificationsApi(
        FakeTimeProvider? clock = null, IDictionary<string, string?>? settings = null, string? dataDirectory = null,
        WebhookNetwork? network = null) : base(dataDirectory)
    {
        Clock = clock;
        _network = network;
        _settings = new Dictionary<string, string?>
        {
            ["Notifications:Webhooks:AllowPrivateNetworks"] = "true",
            ["Notifications:Webhooks:PollInterval"] = "00:00:00.100",
        };
        // A fake clock jumps minutes in one step, which no real lease outlasts: a claim that lands as it
        // jumps would be taken for a dead sender's. Claim leases are tested on their own (ClaimLeaseTests).
        if (clock is not null) _settings["Notifications:Webhooks:ClaimLease"] = "01:00:00";
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) _settings[k] = v;
    }

    public FakeTimeProvider? Clock { get; }
    public string PickupDirectory => Path.Combine(DataDirectory, "mail-pickup");

    protected override void Configure(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
            if (value is not null) builder.UseSetting(key, value);
        // Registered after the service's own TryAdd of TimeProvider.System, so this one wins.
        if (Clock is not null)
            builder.ConfigureServices(s => s.AddSingleton<TimeProvider>(Clock));
        if (_network is not null)
            builder.ConfigureServices(s => s.AddSingleton(_network));
    }

    public Task<HttpClient> AdminAsync(string userId = "admin-1") => ClientAsAsync(userId, "admin");

    /// <summary>Publishes to the webhook consumer and waits until it has handled the message.</summary>
    public Task PublishAndWaitAsync<T>(T message, Guid? messageId = null) where T : class =>
        PublishAndWaitAsync(message, WebhooksConsumer, messageId);

    /// <summary>
    /// Waits until every webhook delivery and e-mail queued so far has left the queue (sent, failed or
    /// disabled). A receiver records a request before answering it and the pickup folder gets a file
    /// before its row is marked sent, so after this nothing more reaches them unless more is queued.
    /// </summary>
    public Task WaitUntilAllQueuedSentAsync() => Eventually.Until(() => WithDb(async db =>
            !await db.Deliveries.AnyAsync(d => d.State == DeliveryStates.Pending)
            && !await db.OutgoingEmails.AnyAsync(e => e.State == EmailStates.Pending)),
        what: "every queued delivery and e-mail to be sent");

    /// <summary>
    /// Waits until no delivery is claimed: every attempt the worker took on has been made and recorded
    /// (a receiver records a request before it answers, so it has seen each of them).
    /// </summary>
    public Task WaitUntilNoAttemptInFlightAsync() =>
        Eventually.Until(() => WithDb(db => db.Deliveries.AllAsync(d => d.LockToken == null)),
            what: "attempts in flight to be recorded");

    public Task<List<Delivery>> DeliveriesAsync(Guid subscriptionId) => WithDb(db => db.Deliveries.AsNoTracking()
        .Where(d => d.SubscriptionId == subscriptionId).Include(d => d.AttemptLog).OrderBy(d => d.Id).ToListAsync());

    /// <summary>Moves the fake clock on in steps (so the worker's poll fires) until the condition holds.</summary>
    public async Task AdvanceUntilAsync(TimeSpan step, Func<Task<bool>> done, int maxSteps = 500, string? what = null)
    {
        var clock = Clock ?? throw new InvalidOperationException("This host has no fake clock.");
        for (var i = 0; i < maxSteps; i++)
        {
            if (await done()) return;
            // A step past a claim's lease taken while an attempt is in flight would let the worker claim
            // that row again, as it does for a sender that died, and send it twice: wait for quiet first.
            await WaitUntilNoAttemptInFlightAsync();
            clock.Advance(step);
            await Task.Delay(30);
        }
        // One last look: the step just taken may have done it.
        await Eventually.Until(done, TimeSpan.FromSeconds(5), what ?? "the condition while advancing the clock");
    }
}
