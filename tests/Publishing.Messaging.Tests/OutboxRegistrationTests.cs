using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Publishing.Messaging.Database;
using Publishing.Messaging.Outbox;
using Publishing.Testing;
using Xunit;

namespace Publishing.Messaging.Tests;

/// <summary>A database without events to relay (the Studio's).</summary>
public class PlainDbContext(DbContextOptions<PlainDbContext> options) : ServiceDbContext(options)
{
    public DbSet<Note> Notes => Set<Note>();
}

/// <summary>
/// The outbox is opt-in per database: the context's model carries its tables and the registration
/// relays them (<c>.WithOutbox()</c>); a database that has neither needs no bus, and one that has
/// only one half is refused at start rather than losing events or failing every sweep.
/// </summary>
public sealed class OutboxRegistrationTests : IDisposable
{
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task A_database_without_the_outbox_starts_with_no_bus_and_relays_nothing()
    {
        using var host = Build(b => b.AddServiceDatabase<PlainDbContext, PlainDbContext>("Plain"));

        await host.StartAsync();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await host.Services.GetRequiredService<DatabaseReady<PlainDbContext>>().WaitAsync(timeout.Token);
        Assert.Null(host.Services.GetService<IOutboxPublisher>());
        Assert.DoesNotContain(host.Services.GetServices<IHostedService>(), s => s.GetType().Name.StartsWith("OutboxDispatcher", StringComparison.Ordinal));
        await host.StopAsync();
    }

    [Fact]
    public async Task A_model_with_the_outbox_tables_but_no_relay_is_refused_at_start()
    {
        using var host = Build(b => b.AddServiceDatabase<TestDbContext, TestDbContext>("Test"));

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.Contains("add .WithOutbox()", refused.Message);
        Assert.Contains(nameof(TestDbContext), refused.Message);
    }

    [Fact]
    public async Task A_relay_without_the_outbox_tables_is_refused_at_start()
    {
        using var host = Build(b =>
        {
            b.AddServiceDatabase<PlainDbContext, PlainDbContext>("Plain").WithOutbox();
            b.Services.AddSingleton<IOutboxPublisher>(new RecordingPublisher()); // a bus stand-in, so only the model is missing
        });

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.Contains("AddOutboxAndInbox()", refused.Message);
        Assert.Contains(nameof(PlainDbContext), refused.Message);
    }

    private IHost Build(Action<IHostApplicationBuilder> addDatabase)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DataDirectory"] = _data.Path,
            ["Logging:LogLevel:Default"] = "Warning",
        });
        addDatabase(builder);
        return builder.Build();
    }

    public void Dispose() => _data.Dispose();
}
