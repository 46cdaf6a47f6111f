using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Publishing.Messaging.KeyRing;
using Publishing.Studio;
using Publishing.Studio.Data;
using Publishing.Testing;
using Xunit;

namespace Publishing.Database.Tests;

/// <summary>
/// The Studio on its own: a plain database (its key ring only) brought up by its migrations, and no
/// bus, so neither its start nor its readiness depends on a broker.
/// </summary>
public sealed class StudioDatabaseTests : IDisposable
{
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task The_Studio_is_ready_on_its_migrated_database_with_no_broker_to_reach()
    {
        // A broker address nothing listens on: a Studio with a bus would report it unhealthy.
        var settings = ServiceHost.Settings(new Uri($"amqp://guest:guest@127.0.0.1:{FreePort.Next()}/"), _data.Path);
        await using var studio = await ServiceHost.StartAsync(StudioHost.Create, settings);

        var ready = await studio.Http.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var report = await ready.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Healthy", report.GetProperty("status").GetString());
        Assert.Equal(["studio-database"], report.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        Assert.Null(studio.Services.GetService<IBus>());

        await using var scope = studio.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StudioDbContext>();
        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
    }

    [Fact]
    public async Task The_Studio_keeps_its_key_ring_in_its_own_database()
    {
        var settings = ServiceHost.Settings(rabbitMq: null, _data.Path);
        await using var studio = await ServiceHost.StartAsync(StudioHost.Create, settings);

        // The sign-in page's form carries an antiforgery token, which needs a key.
        Assert.Equal(HttpStatusCode.OK, (await studio.Http.GetAsync("/SignIn")).StatusCode);

        Assert.Equal(nameof(StudioDbContext), studio.Services.GetRequiredService<KeyRingLocation>().Database);
        await using var scope = studio.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StudioDbContext>();
        Assert.NotEmpty(await db.DataProtectionKeys.AsNoTracking().ToListAsync());
    }

    [Fact]
    public async Task A_database_made_by_another_build_stops_the_start_with_what_to_do_and_is_left_as_it_was()
    {
        var settings = ServiceHost.Settings(rabbitMq: null, _data.Path);
        await using (await ServiceHost.StartAsync(StudioHost.Create, settings)) { }
        var file = Directory.GetFiles(_data.Path, "*.db").Single();
        // The file alone holds every write only once no connection is open (WAL): the host's pooled ones are closed first.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO __EFMigrationsHistory (MigrationId, ProductVersion) VALUES ('20250101000000_FromAnotherBuild', '10.0.0')";
            await insert.ExecuteNonQueryAsync();
        }
        var before = await File.ReadAllBytesAsync(file);

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => ServiceHost.StartAsync(StudioHost.Create, settings));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools(); // so anything the refused start wrote is in the file

        var reason = Flatten(refused).OfType<Publishing.ServiceDefaults.Hosting.StartupRefusedException>().Single();
        Assert.Contains("20250101000000_FromAnotherBuild", reason.Message);
        Assert.Contains("delete its data folder", reason.Message);
        Assert.Equal(before, await File.ReadAllBytesAsync(file));
    }

    private static IEnumerable<Exception> Flatten(Exception e) =>
        e is AggregateException a ? a.InnerExceptions.SelectMany(Flatten) : e.InnerException is { } inner ? [e, .. Flatten(inner)] : [e];

    public void Dispose() => _data.Dispose();
}
