using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Publishing.Review.Data;
using Publishing.Review.Due;
using Publishing.Testing;

namespace Publishing.Review.Tests.Api;

/// <summary>
/// The Review service in memory (see <see cref="ServiceApiFactory{TProgram,TDbContext}"/>), optionally on a fake clock.
/// </summary>
public sealed class ReviewApi : ServiceApiFactory<Program, ReviewDbContext>
{
    private readonly FakeTimeProvider? _clock;

    public ReviewApi() : this(null, null) { }

    private ReviewApi(string? dataDirectory, FakeTimeProvider? clock) : base(dataDirectory) => _clock = clock;

    /// <summary>
    /// A host whose every clock is <paramref name="clock"/> and whose scheduler never fires by itself
    /// (the test calls RunOnceAsync); pass the folder of an earlier host to restart it on the same data.
    /// </summary>
    public static ReviewApi WithClock(FakeTimeProvider clock, string dataDirectory) => new(dataDirectory, clock);

    protected override void Configure(IWebHostBuilder builder)
    {
        // The fake clock jumps years; sent outbox rows must outlive that so tests can count them.
        builder.UseSetting("Messaging:Outbox:SentRetention", "36500.00:00:00");
        if (_clock is null) return;
        builder.UseSetting("Review:Due:Interval", "36500.00:00:00");
        // Registered after the service's own TryAdd of TimeProvider.System, so this one wins.
        builder.ConfigureServices(s => s.AddSingleton<TimeProvider>(_clock));
    }

    public ReviewDueScheduler Scheduler => Services.GetRequiredService<ReviewDueScheduler>();

    public Task<int> RunSchedulerAsync() => WithDb(_ => Scheduler.RunOnceAsync(CancellationToken.None));
}
