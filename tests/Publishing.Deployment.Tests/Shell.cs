using System.Diagnostics;

namespace Publishing.Deployment.Tests;

internal sealed record ShellResult(int ExitCode, string Output, string Errors);

/// <summary>Runs a program (bash, openssl, a script) to its end, within a time limit, capturing what it prints.</summary>
internal static class Shell
{
    public static async Task<ShellResult> RunAsync(string program, IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Repo.Root,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        Process? process;
        try { process = Process.Start(start); }
        catch (System.ComponentModel.Win32Exception e) { throw new Xunit.Sdk.XunitException($"Could not run {program}: {e.Message}"); }
        Assert.True(process is not null, $"{program} did not start.");
        using (process)
        {
            using var limit = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
            try
            {
                var output = process.StandardOutput.ReadToEndAsync(limit.Token);
                var errors = process.StandardError.ReadToEndAsync(limit.Token);
                await process.WaitForExitAsync(limit.Token);
                return new ShellResult(process.ExitCode, await output, await errors);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new Xunit.Sdk.XunitException($"{program} {string.Join(' ', start.ArgumentList)} did not finish in time.");
            }
        }
    }
}
