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
        WebApplication app;
        try
        {
            app = create();
        }
        catch (StartupRefusedException refused)
        {
            await Console.Error.WriteLineAsync($"Publishing refused to start: {refused.Message}");
            return ConfigurationError;
        }
        await app.RunAsync();
        return 0;
    }
}
