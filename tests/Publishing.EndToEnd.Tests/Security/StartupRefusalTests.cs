using System.Net;
using System.Net.Http.Json;
using Publishing.Testing;
using Xunit;

namespace Publishing.EndToEnd.Tests.Security;

/// <summary>
/// The standalone program run as an operator would run it, as its own process. Outside Development,
/// a development aid or an unsafe identity setting stops it before it listens, with one line that
/// says why and exit code 78; in Development the demo works on the address the environment gives.
/// </summary>
public sealed class StartupRefusalTests
{
    private static readonly string Program = Path.Combine(AppContext.BaseDirectory, "Publishing.Standalone.dll");

    public static TheoryData<string, string[], string> Refusals => new()
    {
        { "no identity provider", [], "Auth:Authority is not set" },
        { "the dev issuer", ["--Auth:Authority=https://login.example.org/", "--Auth:DevIssuer:Enabled=true"], "Auth:DevIssuer:Enabled is a development aid" },
        { "a shared signing key", ["--Auth:Authority=https://login.example.org/", "--Auth:SigningKey=0123456789abcdef0123456789abcdef"], "Auth:SigningKey is set outside Development" },
        { "a plain-http authority", ["--Auth:Authority=http://login.example.org/"], "is not https" },
        { "anonymous OpenAPI", ["--Auth:Authority=https://login.example.org/", "--OpenApi:Anonymous=true"], "OpenApi:Anonymous is a development aid" },
        { "a key refresh faster than the provider allows", ["--Auth:Authority=https://login.example.org/", "--Auth:MetadataRefreshInterval=00:00:01"], "Auth:MetadataRefreshInterval" },
        { "no public address", ["--Auth:Authority=https://login.example.org/", "--Studio:Oidc:ClientId=studio"], "PublicBaseUrl is not set" },
        { "no way to sign in to the Studio", ["--Auth:Authority=https://login.example.org/", "--PublicBaseUrl=https://content.example.org/"], "The Studio has no way to sign in" },
        { "private webhook targets", ["--Auth:Authority=https://login.example.org/", "--PublicBaseUrl=https://content.example.org/", "--Notifications:Webhooks:AllowPrivateNetworks=true"], "Notifications:Webhooks:AllowPrivateNetworks is a development aid" },
        { "an unprotected key ring", ["--Auth:Authority=https://login.example.org/", "--PublicBaseUrl=https://content.example.org/", "--DataProtection:Certificate:Path="], "DataProtection:Certificate:Path" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Production_refuses_to_start_with(string what, string[] arguments, string message)
    {
        using var data = new TempDirectory();
        // Every case but the key ring's has a protected key ring, so each refusal is the one the case is about.
        var (keyRing, password) = KeyRingCertificateFile.Write(data.Path);
        await using var process = ChildProcess.StartDotnet(Program,
            [$"--DataDirectory={data.Path}", "--Urls=http://127.0.0.1:0", $"--DataProtection:Certificate:Path={keyRing}", $"--DataProtection:Certificate:Password={password}", .. arguments]);
        Assert.True(await process.WaitForExitAsync(TimeSpan.FromSeconds(90)), $"With {what} the host kept running:\n{process.Output}");
        Assert.Equal(78, process.ExitCode);
        Assert.Contains("Publishing refused to start: ", process.Output);
        Assert.Contains(message, process.Output);
        Assert.DoesNotContain("   at ", process.Output); // one clear line, not a stack trace
    }

    [Fact]
    public async Task The_demo_runs_in_Development_on_the_address_the_environment_gives()
    {
        using var data = new TempDirectory();
        var port = FreePort.Next();
        await using var process = ChildProcess.StartDotnet(Program, [$"--DataDirectory={data.Path}"], new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}", // no settings file may override it
        });
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await Eventually.Until(async () =>
        {
            Assert.False(process.HasExited, process.Output);
            try { return (await http.GetAsync("/health/live")).StatusCode == HttpStatusCode.OK; }
            catch (HttpRequestException) { return false; }
        }, TimeSpan.FromSeconds(90), $"the demo to answer on port {port}");

        var token = await http.PostAsJsonAsync("/api/dev/tokens", new { userId = "e1", name = "Eve Editor", roles = new[] { "editor" } });
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
    }
}
