using System.Diagnostics;

namespace Publishing.IdentityProvider;

/// <summary>
/// Stops the provider when the process that started it (<c>ParentProcessId</c>) is gone, so a test run that
/// crashes or is killed leaves no provider behind holding its port.
/// </summary>
public sealed class ParentProcessWatch(IConfiguration config, IHostApplicationLifetime lifetime, ILogger<ParentProcessWatch> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (config.GetValue<int?>("ParentProcessId") is not { } pid) return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (IsAlive(pid)) continue;
            log.LogWarning("Parent process {Pid} has exited; stopping.", pid);
            lifetime.StopApplication();
            return;
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var parent = Process.GetProcessById(pid);
            return !parent.HasExited;
        }
        catch (ArgumentException) { return false; }
        catch (InvalidOperationException) { return false; }
    }
}
