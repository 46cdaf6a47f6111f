using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Publishing.Testing;
using Xunit;

namespace Publishing.SearchIndexing.Tests.Api;

/// <summary>
/// The service run as an operator runs it alone, its own process with none of the standalone host's settings:
/// its console shows what happened, each line with its UTC time, without a line per SQL statement.
/// </summary>
public sealed partial class ServiceLogTests
{
    private static readonly string Program = Path.Combine(AppContext.BaseDirectory, "Publishing.SearchIndexing.dll");

    [Fact]
    public async Task A_service_run_without_settings_logs_timestamped_lines_and_no_sql()
    {
        using var data = new TempDirectory();
        var port = FreePort.Next();
        await using var process = ChildProcess.StartDotnet(Program,
            [$"--DataDirectory={data.Path}", $"--Urls=http://127.0.0.1:{port}", "--Messaging:Transport=InMemory", "--Auth:DevIssuer:Enabled=true"],
            new Dictionary<string, string?> { ["ASPNETCORE_ENVIRONMENT"] = "Development" });
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await Eventually.Until(async () =>
        {
            Assert.False(process.HasExited, process.Output);
            try { return (await http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK; }
            catch (HttpRequestException) { return false; }
        }, TimeSpan.FromSeconds(90), "the service to be ready");
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/published/no-such-item")).StatusCode);
        // The console writes in order: once the line of the start is out, so is every line of the migration before it.
        await Eventually.Until(() => Task.FromResult(process.Output.Contains("Now listening on")), what: "the start to be logged");

        var output = process.Output;
        Assert.DoesNotContain("Executed DbCommand", output);
        var headers = LogHeader().Matches(output);
        Assert.NotEmpty(headers);
        foreach (Match header in headers)
        {
            var stamp = header.Groups["stamp"].Value.Trim();
            Assert.True(DateTimeOffset.TryParseExact(stamp, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal, out var at), $"A log line without a UTC timestamp: '{header.Value}'\n{output}");
            Assert.InRange(at, DateTimeOffset.UtcNow.AddMinutes(-10), DateTimeOffset.UtcNow.AddMinutes(1));
        }
    }

    // The first line of each entry of the simple console format: "<stamp>info: Category[event id]".
    [GeneratedRegex(@"^(?<stamp>.*?)(trce|dbug|info|warn|fail|crit): [\w.`\[\]]+\[\d+\]\s*$", RegexOptions.Multiline)]
    private static partial Regex LogHeader();
}
