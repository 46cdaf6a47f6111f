using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace Publishing.Testing;

/// <summary>
/// A real OpenID Connect provider (tests/Publishing.IdentityProvider, OpenIddict) running as its own process on
/// https://127.0.0.1:PORT/ with a certificate from a throwaway CA, so the services' production identity path
/// (JWT bearer with Authority and discovery, the Studio's code + PKCE sign-in, client credentials) runs against
/// it. Tokens are plain RS256 JWTs; see the provider's Program.cs for everything it is configured with.
/// </summary>
public sealed class OidcProvider : IAsyncDisposable
{
    /// <summary>Token request parameter (seconds) the provider honours to shorten one access token's life.</summary>
    public const string LifetimeParameter = "access_token_lifetime";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly TempDirectory _folder = new();
    private readonly TestCertificates _certificates = TestCertificates.Create();
    private readonly OidcProviderOptions _options;
    private readonly string _pfxPassword = RandomNumberGenerator.GetHexString(16);
    private List<SigningKeyFile> _keys = [SigningKeyFile.Generate()];
    private TimeSpan _lifetime;
    private IReadOnlyList<Uri> _studioRedirects, _studioPostLogoutRedirects;
    private ChildProcess? _process;
    private int _runs;

    private OidcProvider(OidcProviderOptions options, int port)
    {
        _options = options;
        _lifetime = options.AccessTokenLifetime;
        _studioRedirects = options.StudioRedirectUris;
        _studioPostLogoutRedirects = options.StudioPostLogoutRedirectUris;
        ServiceClients = options.Services ??
        [
            new("search-indexing", RandomNumberGenerator.GetHexString(24), ["service"]),
            new("notifications", RandomNumberGenerator.GetHexString(24), ["service"]),
            new("no-role-client", RandomNumberGenerator.GetHexString(24), []),
        ];
        Authority = new Uri($"https://127.0.0.1:{port}/");
        BrowserOrigin = new Uri($"https://{options.BrowserHostName ?? Authority.Host}:{port}/");
        CaCertificatePath = Path.Combine(_folder.Path, "ca.pem");
        _certificates.WriteAuthorityPem(CaCertificatePath);
        _certificates.WriteServerPfx(PfxPath, _pfxPassword);
        Http = new HttpClient(TestCertificates.TrustingHandler(_certificates.Authority)) { BaseAddress = Authority };
    }

    /// <summary>The issuer, e.g. <c>https://127.0.0.1:5443/</c>: a service's <c>Auth:Authority</c>.</summary>
    public Uri Authority { get; }

    /// <summary>Where browsers are sent to sign in and out: the authority unless <see cref="OidcProviderOptions.BrowserHostName"/> says otherwise.</summary>
    public Uri BrowserOrigin { get; }

    /// <summary>The test CA as PEM: trust it (and only it) to talk to the provider.</summary>
    public string CaCertificatePath { get; }

    public X509Certificate2 CaCertificate => _certificates.Authority;
    public string Audience => _options.Audience;
    public string OtherAudience => _options.OtherAudience;
    public IReadOnlyList<OidcUser> Users => _options.Users;
    public string StudioClientId => _options.StudioClientId;
    public string StudioClientSecret { get; } = RandomNumberGenerator.GetHexString(24);
    public string TestClientId => _options.TestClientId;
    public IReadOnlyList<OidcServiceClient> ServiceClients { get; }

    /// <summary>The <c>kid</c> of the key that signs new tokens.</summary>
    public string CurrentKeyId => _keys[0].KeyId;

    /// <summary>Every key id the JWKS publishes, the signing one first.</summary>
    public IReadOnlyList<string> PublishedKeyIds => _keys.Select(k => k.KeyId).ToList();

    /// <summary>A client of the provider that trusts only the test CA.</summary>
    public HttpClient Http { get; }

    /// <summary>What the provider's process has printed: for a failing test's message.</summary>
    public string Output => _process?.Output ?? "";

    private string PfxPath => Path.Combine(_folder.Path, "server.pfx");
    private string KeysDirectory => Path.Combine(_folder.Path, "keys");

    public OidcUser User(string username) =>
        Users.FirstOrDefault(u => u.Username == username) ?? throw new ArgumentException($"No user {username} at the test provider.");

    /// <summary>A handler trusting only the test CA: give it to a JWT bearer backchannel or the Studio's OIDC handler.</summary>
    public SocketsHttpHandler CreateTrustingHandler() => TestCertificates.TrustingHandler(_certificates.Authority);

    public static async Task<OidcProvider> StartAsync(OidcProviderOptions? options = null)
    {
        // Another process may take the port between our probe and the provider's bind; then try another one.
        for (var attempt = 1; ; attempt++)
        {
            var provider = new OidcProvider(options ?? new OidcProviderOptions(), FreeLoopbackPort());
            try
            {
                await provider.LaunchAsync();
                return provider;
            }
            catch (Exception) when (attempt < 3 && provider.Output.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                await provider.DisposeAsync();
            }
            catch
            {
                await provider.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>A user's access token from the password grant; with <paramref name="resource"/> its <c>aud</c> is that instead.</summary>
    public async Task<string> UserTokenAsync(string username, string? resource = null, TimeSpan? lifetime = null)
    {
        var user = User(username);
        return await TokenAsync(new()
        {
            ["grant_type"] = "password",
            ["client_id"] = TestClientId,
            ["username"] = user.Username,
            ["password"] = user.Password,
            ["scope"] = string.Join(' ', new[] { "openid", "profile", "roles", resource }.OfType<string>()),
        }, lifetime);
    }

    /// <summary>A service's access token from client credentials (sub = name = client id, its roles).</summary>
    public async Task<string> ServiceTokenAsync(string clientId, string? resource = null, TimeSpan? lifetime = null)
    {
        var client = ServiceClients.FirstOrDefault(c => c.ClientId == clientId)
            ?? throw new ArgumentException($"No service client {clientId} at the test provider.");
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = client.ClientId,
            ["client_secret"] = client.ClientSecret,
        };
        if (resource is not null) form["scope"] = resource;
        return await TokenAsync(form, lifetime);
    }

    private async Task<string> TokenAsync(Dictionary<string, string> form, TimeSpan? lifetime)
    {
        if (lifetime is { } life) form[LifetimeParameter] = ((int)Math.Ceiling(life.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var response = await Http.PostAsync("connect/token", new FormUrlEncodedContent(form));
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"Token request refused ({(int)response.StatusCode}): {body}");
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("access_token").GetString()!;
    }

    /// <summary>Restarts on the same port with a new signing key first; the old one still published when <paramref name="keepOldKey"/>.</summary>
    public Task RotateKeysAsync(bool keepOldKey)
    {
        _keys = keepOldKey ? [SigningKeyFile.Generate(), .. _keys] : [SigningKeyFile.Generate()];
        return RestartAsync();
    }

    /// <summary>Restarts on the same port and keys; a new access-token lifetime from now on when given.</summary>
    public async Task RestartAsync(TimeSpan? accessTokenLifetime = null)
    {
        if (accessTokenLifetime is { } lifetime) _lifetime = lifetime;
        await StopAsync();
        await LaunchAsync();
    }

    /// <summary>Registers where the Studio (once it knows its port) may be sent back to; restarts the provider.</summary>
    public Task SetStudioRedirectsAsync(IReadOnlyList<Uri> redirectUris, IReadOnlyList<Uri> postLogoutRedirectUris)
    {
        _studioRedirects = redirectUris;
        _studioPostLogoutRedirects = postLogoutRedirectUris;
        return RestartAsync();
    }

    private async Task LaunchAsync()
    {
        SigningKeyFile.WriteAll(KeysDirectory, _keys);
        var dll = Path.Combine(AppContext.BaseDirectory, "identity-provider", "Publishing.IdentityProvider.dll");
        if (!File.Exists(dll))
            throw new FileNotFoundException($"The identity provider is not in the test output ({dll}); the test project must reference Publishing.Testing.");
        _process = ChildProcess.StartDotnet(dll, Arguments(++_runs));

        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"The identity provider exited while starting. Its output:\n{Output}");
            if (Output.Contains("IdP ready at", StringComparison.Ordinal) && await DiscoveryAnswersAsync()) return;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"The identity provider did not serve its discovery document within {StartTimeout.TotalSeconds} s. Its output:\n{Output}");
            await Task.Delay(100);
        }
    }

    private async Task<bool> DiscoveryAnswersAsync()
    {
        try
        {
            var discovery = await Http.GetFromJsonAsync<JsonElement>(".well-known/openid-configuration");
            return discovery.GetProperty("issuer").GetString() == Authority.ToString();
        }
        catch (HttpRequestException) { return false; }
    }

    private IEnumerable<string> Arguments(int run)
    {
        var settings = new List<(string, string)>
        {
            ("urls", Authority.ToString().TrimEnd('/')),
            ("Tls:CertificatePath", PfxPath),
            ("Tls:CertificatePassword", _pfxPassword),
            ("Keys:Directory", KeysDirectory),
            ("Database:Path", Path.Combine(_folder.Path, $"provider-{run}.db")),
            ("ParentProcessId", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Tokens:Audience", Audience),
            ("Tokens:OtherAudiences:0", OtherAudience),
            ("Tokens:AccessTokenLifetime", _lifetime.ToString("c", System.Globalization.CultureInfo.InvariantCulture)),
            ("Tokens:RefreshTokenLifetime", _options.RefreshTokenLifetime.ToString("c", System.Globalization.CultureInfo.InvariantCulture)),
            ("Clients:Tests:ClientId", TestClientId),
            ("Clients:Studio:ClientId", StudioClientId),
            ("Clients:Studio:ClientSecret", StudioClientSecret),
        };
        if (BrowserOrigin != Authority) settings.Add(("BrowserOrigin", BrowserOrigin.ToString()));
        settings.AddRange(_studioRedirects.Select((uri, i) => ($"Clients:Studio:RedirectUris:{i}", uri.ToString())));
        settings.AddRange(_studioPostLogoutRedirects.Select((uri, i) => ($"Clients:Studio:PostLogoutRedirectUris:{i}", uri.ToString())));
        foreach (var (client, i) in ServiceClients.Select((c, i) => (c, i)))
        {
            settings.Add(($"Clients:Services:{i}:ClientId", client.ClientId));
            settings.Add(($"Clients:Services:{i}:ClientSecret", client.ClientSecret));
            settings.AddRange(client.Roles.Select((role, r) => ($"Clients:Services:{i}:Roles:{r}", role)));
        }
        foreach (var (user, i) in Users.Select((u, i) => (u, i)))
        {
            settings.Add(($"Users:{i}:Username", user.Username));
            settings.Add(($"Users:{i}:Password", user.Password));
            settings.Add(($"Users:{i}:Subject", user.Subject));
            settings.Add(($"Users:{i}:Name", user.Name));
            settings.AddRange(user.Roles.Select((role, r) => ($"Users:{i}:Roles:{r}", role)));
            if (user.Qualification is not null) settings.Add(($"Users:{i}:Qualification", user.Qualification));
        }
        return settings.Select(s => $"--{s.Item1}={s.Item2}");
    }

    private static int FreeLoopbackPort() => FreePort.Next();

    /// <summary>
    /// A token signed with the provider's own current key, with exactly the claims given: for tokens the
    /// provider would never issue (no subject, no role) that our services must still refuse.
    /// </summary>
    public string SignWithProviderKey(IEnumerable<System.Security.Claims.Claim> claims, TimeSpan? lifetime = null)
    {
        using var rsa = System.Security.Cryptography.RSA.Create();
        rsa.ImportFromPem(_keys[0].Pem);
        var key = new Microsoft.IdentityModel.Tokens.RsaSecurityKey(rsa.ExportParameters(includePrivateParameters: true)) { KeyId = _keys[0].KeyId };
        var now = DateTime.UtcNow;
        return new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CreateToken(new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
        {
            Issuer = Authority.ToString(),
            Audience = Audience,
            Subject = new System.Security.Claims.ClaimsIdentity(claims),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + (lifetime ?? TimeSpan.FromMinutes(5)),
            SigningCredentials = new Microsoft.IdentityModel.Tokens.SigningCredentials(key, Microsoft.IdentityModel.Tokens.SecurityAlgorithms.RsaSha256),
        });
    }

    private async Task StopAsync()
    {
        if (_process is null) return;
        await _process.DisposeAsync();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Http.Dispose();
        _certificates.Dispose();
        _folder.Dispose();
    }
}
