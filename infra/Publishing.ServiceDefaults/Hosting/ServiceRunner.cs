using Microsoft.Extensions.Hosting;
using Microsoft.AspNetCore.Builder;

namespace Publishing.ServiceDefaults.Hosting;

public static class ServiceRunner
{
    /// <summary>EX_CONFIG from sysexits.h: the configuration is wrong, retrying will not help.</summary>
    public const int ConfigurationError = 78;

    /// <summary>
    /// Builds and runs a host. A refused configuration ends the process with one clear line on
    /// standard error and exit code 78, so an operator (or an orchestrator's restart loop) sees why.
    /// </summary>
    public static async Task<int> RunAsync(Func<WebApplication> create)
    {
        WebApplication? app = null;
        try
        {
            app = create();
            await app.StartAsync(); // some settings are checked as the host starts (see AuthOptionsCheck)
        }
        catch (StartupRefusedException refused)
        {
            await Console.Error.WriteLineAsync($"Publishing refused to start: {refused.Message}");
            if (app is not null) await app.DisposeAsync();
            return ConfigurationError;
        }
        await app.WaitForShutdownAsync();
        await app.DisposeAsync();
        return 0;
    }
}
