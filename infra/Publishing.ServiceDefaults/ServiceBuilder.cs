using Microsoft.AspNetCore.Builder;

namespace Publishing.ServiceDefaults;

public static class ServiceBuilder
{
    /// <summary>
    /// <see cref="WebApplication.CreateBuilder(string[])"/> without watching the settings files for
    /// changes. That watcher covers the whole content root, and the default data folder (SQLite files,
    /// the search index) lies under it when a host runs from its own folder, as the standalone host
    /// does: every database write woke the watcher, a visible share of the CPU under steady load.
    /// The services read their settings when they start, so a reload would not reach them anyway.
    /// </summary>
    public static WebApplicationBuilder Create(string[] args) =>
        WebApplication.CreateBuilder([.. args, "--hostBuilder:reloadConfigOnChange=false"]);
}
