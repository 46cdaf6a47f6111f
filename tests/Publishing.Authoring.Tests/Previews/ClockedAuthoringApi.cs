using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Publishing.Authoring.Data;
using Publishing.Testing;

namespace Publishing.Authoring.Tests.Previews;

/// <summary>
/// The Authoring service in memory on a clock the test moves, so a link can be made to expire. Sign-in
/// tokens are checked against the real clock, so a client signed in before a move keeps working.
/// </summary>
public sealed class ClockedAuthoringApi : ServiceApiFactory<Program, AuthoringDbContext>
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

    // Registered after the service's own TryAdd of TimeProvider.System, so this one wins.
    protected override void Configure(IWebHostBuilder builder) =>
        builder.ConfigureServices(s => s.AddSingleton<TimeProvider>(Clock));
}
