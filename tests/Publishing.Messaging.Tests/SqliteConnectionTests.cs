using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Publishing.Messaging.Database;
using Publishing.Testing;
using Xunit;

namespace Publishing.Messaging.Tests;

public sealed class SqliteConnectionTests : IDisposable
{
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task Every_connection_of_a_service_database_waits_for_the_write_lock_instead_of_failing()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["DataDirectory"] = _data.Path });
        builder.AddServiceDatabase<TestDbContext, TestDbContext>("Test");
        using var host = builder.Build();

        // Several scopes, so pooled connections are opened again: each open must carry the timeout.
        for (var i = 0; i < 3; i++)
        {
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TestDbContext>();
            await db.Database.OpenConnectionAsync();
            var timeout = await db.Database.SqlQueryRaw<long>("SELECT timeout AS Value FROM pragma_busy_timeout").SingleAsync();
            Assert.Equal(30_000, timeout);
            await db.Database.CloseConnectionAsync();
        }
    }

    public void Dispose() => _data.Dispose();
}
