using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Publishing.Deployment.Tests;

/// <summary>
/// infra/make-compose-certificates.sh makes what compose mounts: a CA the services trust Keycloak through,
/// Keycloak's certificate for the names the services and browsers use, and a key ring .NET can open.
/// It is run for real (openssl is all it needs) into a temporary folder.
/// </summary>
public sealed class CertificateScriptTests : IDisposable
{
    public const string Script = "infra/make-compose-certificates.sh";
    public const string Folder = "infra/certs";
    public const string CaCertificate = Folder + "/ca/ca.crt";
    public const string CaPrivateFolder = Folder + "/ca-private";
    public const string KeycloakCertificate = Folder + "/keycloak/tls.crt";
    public const string KeycloakKey = Folder + "/keycloak/tls.key";
    public const string KeyRing = Folder + "/keyring/keyring.pfx";
    private const string Password = "deployment-test-keyring-password";

    private readonly string output = Directory.CreateTempSubdirectory("publishing-certs-").FullName;

    public void Dispose() => Directory.Delete(output, recursive: true);

    /// <summary>Where a file compose mounts from infra/certs lands when the script writes into <see cref="output"/>.</summary>
    private string Made(string path) => Path.Combine(output, Path.GetRelativePath(Folder, path));

    [Fact]
    public async Task Certificate_script_exists_is_executable_and_parses()
    {
        var path = Repo.PathOf(Script);
        Assert.True(File.Exists(path), $"{Script} is missing.");
        if (!OperatingSystem.IsWindows())
            Assert.True(File.GetUnixFileMode(path).HasFlag(UnixFileMode.UserExecute), $"{Script} is not executable; chmod +x it.");
        Assert.Contains("set -euo pipefail", File.ReadAllText(path));
        var bash = await Shell.RunAsync("bash", ["-n", path]);
        Assert.True(bash.ExitCode == 0, $"bash -n {Script} failed: {bash.Errors}");
    }

    [Fact]
    public async Task Certificate_script_makes_a_CA_a_Keycloak_certificate_for_both_names_and_a_key_ring_dotnet_opens()
    {
        var run = await RunScriptAsync();
        Assert.True(run.ExitCode == 0, $"{Script} failed ({run.ExitCode}): {run.Errors}{run.Output}");
        foreach (var file in new[] { CaCertificate, KeycloakCertificate, KeycloakKey, KeyRing })
            Assert.True(File.Exists(Made(file)), $"{Script} did not make {Path.GetRelativePath(Folder, file)}.");
        Assert.True(Directory.EnumerateFiles(Made(CaPrivateFolder)).Any(), $"{Script} keeps no CA private key in {Path.GetRelativePath(Folder, CaPrivateFolder)}.");

        var names = await Shell.RunAsync("openssl", ["x509", "-noout", "-ext", "subjectAltName", "-in", Made(KeycloakCertificate)]);
        Assert.True(names.ExitCode == 0, $"openssl could not read Keycloak's certificate: {names.Errors}");
        Assert.Contains("DNS:keycloak", names.Output);
        Assert.Contains("DNS:localhost", names.Output);

        // What the services do (AuthorityBackchannel): trust only this CA, check the host name.
        using var ca = X509Certificate2.CreateFromPem(File.ReadAllText(Made(CaCertificate)));
        using var server = X509Certificate2.CreateFromPemFile(Made(KeycloakCertificate), Made(KeycloakKey));
        Assert.True(server.HasPrivateKey, "Keycloak's key does not belong to its certificate.");
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid("1.3.6.1.5.5.7.3.1")); // server authentication
        Assert.True(chain.Build(server), "Keycloak's certificate does not chain to the CA for server authentication: "
            + string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation)));
        Assert.True(server.MatchesHostname("keycloak") && server.MatchesHostname("localhost"),
            "Keycloak's certificate should be valid for the host names keycloak and localhost.");
        Assert.False(ca.MatchesHostname("keycloak"), "The CA's own certificate should not be a server certificate.");

        using var keyRing = X509CertificateLoader.LoadPkcs12FromFile(Made(KeyRing), Password);
        Assert.True(keyRing.HasPrivateKey, "The key ring .pfx has no private key.");
        using var rsa = keyRing.GetRSAPrivateKey();
        Assert.True(rsa is not null, "The key ring certificate should be RSA (Data Protection's XML encryption needs it).");

        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(Path.Combine(Made(CaPrivateFolder), "ca.key"));
            Assert.True((mode & (UnixFileMode.GroupRead | UnixFileMode.OtherRead)) == 0, $"The CA's private key is readable by others ({mode}).");
        }
    }

    [Fact]
    public async Task Running_the_certificate_script_again_keeps_what_it_made()
    {
        var first = await RunScriptAsync();
        Assert.True(first.ExitCode == 0, $"{Script} failed ({first.ExitCode}): {first.Errors}");
        var files = new[] { CaCertificate, KeycloakCertificate, KeycloakKey, KeyRing }.ToDictionary(f => f, f => File.ReadAllBytes(Made(f)));

        var second = await RunScriptAsync();
        Assert.True(second.ExitCode == 0, $"{Script} failed on its second run ({second.ExitCode}): {second.Errors}");
        var changed = files.Where(f => !File.ReadAllBytes(Made(f.Key)).AsSpan().SequenceEqual(f.Value)).Select(f => f.Key).ToList();
        Assert.True(changed.Count == 0, $"A second run replaced {string.Join(", ", changed)}; browsers trusting the CA and the key ring's data would be lost.");
    }

    [Fact]
    public void Git_ignores_the_certificate_folder_and_the_env_file()
    {
        var lines = File.ReadAllLines(Repo.PathOf(".gitignore")).Select(l => l.Trim()).ToHashSet(StringComparer.Ordinal);
        Assert.True(lines.Contains(Folder + "/") || lines.Contains(Folder), $".gitignore should ignore {Folder}/ (private keys).");
        Assert.Contains(".env", lines);
    }

    private Task<ShellResult> RunScriptAsync() =>
        Shell.RunAsync("bash", [Repo.PathOf(Script), output],
            new Dictionary<string, string> { ["KEYRING_CERTIFICATE_PASSWORD"] = Password },
            TimeSpan.FromMinutes(2));
}
